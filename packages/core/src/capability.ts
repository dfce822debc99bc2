import type { StoreApi } from 'zustand/vanilla'
import type { Records } from './machine.js'
import type { TimerProvider } from './options.js'
import type { ConnectionState, ErrorKind, LifelineEvent, MessageData, SendData } from './types.js'

/**
 * What a connection offers the capability plugged into it (a session, a tab group). The whole seam:
 * a capability is written against this and the hooks it returns, nothing else of the engine.
 */
export interface Seam<In = unknown> {
  /** The connection's state (read it; capabilities change only their own fields, by `record`). */
  readonly store: Pick<StoreApi<ConnectionState<In>>, 'getState' | 'subscribe'>
  readonly timers: TimerProvider
  /** Writes a frame of the capability's own protocol on the open socket, as it is. */
  transmit(frame: SendData): void
  /**
   * The handshake that `open` began is done: `hello` goes out, then what `replay` resends, then
   * the queue, and then the connection is `open`.
   */
  ready(): void
  /** Records the capability's own state fields (`session`, `tab`). */
  record(patch: Records<In>): void
  /** Hands an app message to the connection: `lastMessage`, `lastJson`, `onMessage`. */
  deliver(data: MessageData): void
  /** Tells the connection's lifecycle listeners (`onEvent`). */
  emit(event: LifelineEvent): void
  /** Records an error; the link stays as it is. */
  fail(kind: ErrorKind, message: string): void
  /** Closes the socket (the connection then reconnects as after any close the policy allows). */
  drop(code: number, reason: string): void
}

/** What a capability does at the points of a connection's life it needs; every hook is optional. */
export interface CapabilityHooks {
  /**
   * The socket opened, before any other frame: send a handshake with `transmit` and return the
   * error to record if `ready()` does not come within `connectTimeout`, to hold the connection in
   * `'connecting'` until then; `false` not to hold it. A timeout counts as a failed attempt.
   */
  open?(): false | { readonly kind: ErrorKind; readonly message: string }
  /** After `hello`, before the queue: resend what the peer has not acknowledged. */
  replay?(): void
  /** Every frame received that is not a pong; `true` when the capability took it. */
  receive?(data: MessageData): boolean
  /**
   * Every app frame about to go on the socket (`numbered` is `false` for `hello`'s frames): the
   * frame to send instead, `'hold'` to keep it queued for now, or `'refuse'` to drop it.
   */
  wrap?(data: SendData, numbered: boolean): SendData | 'hold' | 'refuse'
  /** How many more messages the capability lets the queue keep. */
  room?(): number
  /** The socket closed or was given up. */
  close?(): void
  /** `disconnect()` or `destroy()`: the last word on the open socket, before it closes. */
  end?(): void
}

/**
 * A capability for `createLifeline` (the `session` and `tabs` options): plugged into one connection
 * only, it returns its hooks when the connection is made.
 */
export interface Capability<In = unknown> {
  attach(seam: Seam<In>): CapabilityHooks
}
