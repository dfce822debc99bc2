import { nextDelay } from './backoff.js'
import { defaultShouldReconnect, type ResolvedReconnect } from './defaults.js'
import type { CloseInfo, ConnectionState, ErrorKind, ReadyState, Status } from './types.js'

/** State fields that are records of what happened, set by a `'set'` event; never `status`. */
export type Records<In = unknown> = Partial<
  Pick<ConnectionState<In>, 'latency' | 'lastSeenAt' | 'queued' | 'dropped' | 'session' | 'tab'>
>

/** Everything that can happen to a connection: user calls, socket events, timers, the network. */
export type MachineEvent =
  | { readonly type: 'connect' }
  | { readonly type: 'disconnect'; readonly code: number; readonly reason: string }
  /** The socket of the attempt exists (its URL and protocols are resolved). */
  | { readonly type: 'socket' }
  /** The attempt failed before the link opened (bad URL, no WebSocket, a refused handshake). */
  | { readonly type: 'failed'; readonly kind: ErrorKind; readonly message: string }
  | { readonly type: 'open' }
  | {
      readonly type: 'close'
      readonly code: number
      readonly reason: string
      readonly wasClean: boolean
      /** The close of a socket that `connect()` left closing in the background: recorded only. */
      readonly earlier?: boolean
    }
  /**
   * The timer of the current status fired: connect timeout (`connecting`), stable link (`open`) or
   * the planned retry (`reconnecting`). The close handshake's time limit is the socket's own.
   */
  | { readonly type: 'timer' }
  /** The heartbeat found the link dead. */
  | { readonly type: 'dead' }
  | { readonly type: 'online' }
  | { readonly type: 'offline' }
  | { readonly type: 'visible' }
  | { readonly type: 'destroy' }
  | { readonly type: 'error'; readonly kind: ErrorKind; readonly message: string }
  | { readonly type: 'set'; readonly patch: Records }

/**
 * How the current series of attempts began, which the state does not say: `'fresh'` after
 * `connect()` (its first attempt is not a retry), `'lost'` after a stable link dropped (its first
 * attempt is retry 1), `'exhausted'` once `maxAttempts` ran out (`online` and a visible page then
 * start a fresh series). The machine's own memory, kept by the runner and never shown to users.
 */
export type Series = 'fresh' | 'lost' | 'exhausted'

/** What a transition sees besides the state and the event; injected so the function stays pure. */
export interface MachineContext {
  readonly now: number
  /** A number in `[0, 1)`; drawn only when a retry is planned. */
  readonly random: () => number
  readonly reconnect: ResolvedReconnect | null
  readonly series: Series
}

/**
 * The next state (the very same object when nothing changed) and how the series goes on. The
 * socket work follows from the change of status, as timers do: entering `connecting` starts an
 * attempt, entering `closing` starts the close handshake, and leaving the live statuses drops
 * whatever socket is left.
 */
export interface Transition<In> {
  readonly state: ConnectionState<In>
  readonly series: Series
}

type Patch<In> = Partial<ConnectionState<In>> | null

/** `readyState` that goes with each status; a `connecting` socket says 0 once it exists. */
const READY: { readonly [status in Status]: ReadyState } = {
  idle: 3,
  connecting: 3,
  open: 1,
  reconnecting: 3,
  closing: 2,
  closed: 3,
}
const CLOSED = { status: 'closed', retryAt: null } as const

/**
 * The connection's state machine: the only place `status` changes. Pure: the same state, event and
 * context always give the same result.
 */
export function transition<In>(
  state: ConnectionState<In>,
  event: MachineEvent,
  ctx: MachineContext,
): Transition<In> {
  const { status } = state
  const live = status === 'connecting' || status === 'open'
  const at = ctx.now
  let series = ctx.series

  /** Applies `patch` with the `readyState` of a new status; the same object when nothing changes. */
  const to = (patch: Patch<In>, base = state, next: Series = series): Transition<In> => {
    for (const key in patch) {
      const field = key as keyof ConnectionState<In>
      if (patch[field] !== base[field]) {
        const changed = { ...base, ...patch }
        const { status: moved } = changed
        return {
          state: moved === base.status ? changed : { ...changed, readyState: READY[moved] },
          series: next,
        }
      }
    }
    return { state: base, series: next }
  }
  const attempt = (n: number, base = state, next = series): Transition<In> =>
    to({ status: 'connecting', attempt: n, retryAt: null }, base, next)

  /** After a failed attempt or a lost link: plan the next attempt, wait for the network, or stop. */
  const afterLoss = (patch: Partial<ConnectionState<In>>, close: CloseInfo | null) => {
    const lost = { ...state, ...patch }
    const policy = ctx.reconnect
    if (policy === null || (close !== null && !wantsRetry(policy, close))) {
      return to(CLOSED, lost, 'fresh')
    }
    if (lost.attempt >= policy.maxAttempts) return to(CLOSED, lost, 'exhausted')
    // Retry n of a series waits nextDelay(n). A series that began with connect() spent its first
    // attempt on that start, so its retries are attempts 2, 3, …; after a stable link dropped,
    // its first attempt already is retry 1.
    const n = lost.attempt + (series === 'lost' ? 1 : 0)
    const retryAt = lost.online ? at + nextDelay(n, policy, ctx.random()) : null
    return to({ status: 'reconnecting', retryAt }, lost)
  }

  /** The socket is given up without waiting for a `close` event that a dead peer never sends. */
  const abandonAndRetry = (kind: 'connect-timeout' | 'heartbeat-timeout') => {
    const connecting = kind === 'connect-timeout'
    const lastClose = {
      code: 1006,
      reason: connecting ? 'connect timeout' : 'heartbeat timeout',
      wasClean: false,
      at,
    }
    const message = connecting
      ? `not open within connectTimeout${process.env.NODE_ENV !== 'production' ? ': is the server down or unreachable?' : ''}`
      : `no frame arrived after a heartbeat ping${process.env.NODE_ENV !== 'production' ? ': the link is dead' : ''}`
    return afterLoss({ lastClose, error: { kind, message, at } }, lastClose)
  }

  switch (event.type) {
    case 'connect':
      if (live) return to(null)
      if (status === 'reconnecting') return attempt(state.attempt + 1)
      // A deliberate start (or restart after a close) begins a fresh series of attempts.
      return attempt(1, state, 'fresh')

    case 'disconnect':
      series = 'fresh'
      if (status === 'closing') return to(null)
      if (status === 'open' || (status === 'connecting' && state.readyState === 0)) {
        return to({ status: 'closing', retryAt: null })
      }
      // Still resolving the URL there is no socket to close, only an attempt to cancel.
      return to(
        status === 'connecting'
          ? { ...CLOSED, lastClose: { code: event.code, reason: event.reason, wasClean: true, at } }
          : CLOSED,
      )

    case 'socket':
      return to(status === 'connecting' ? { readyState: 0 } : null)

    case 'failed':
      if (status !== 'connecting') return to(null)
      return afterLoss({ error: { kind: event.kind, message: event.message, at } }, null)

    case 'open':
      return to(status === 'connecting' ? { status: 'open' } : null)

    case 'close': {
      const lastClose = { code: event.code, reason: event.reason, wasClean: event.wasClean, at }
      if (event.earlier) return to({ lastClose })
      if (status === 'closing') return to({ ...CLOSED, lastClose })
      return live ? afterLoss({ lastClose }, lastClose) : to(null)
    }

    case 'timer':
      if (status === 'connecting') return abandonAndRetry('connect-timeout')
      // The link held for minUptime: only now does the counter reset, so a server that accepts
      // and then drops every connection cannot keep the delay short.
      if (status === 'open') return to({ attempt: 0 }, state, 'lost')
      return status === 'reconnecting' && state.retryAt !== null
        ? attempt(state.attempt + 1)
        : to(null)

    case 'dead':
      return status === 'open' ? abandonAndRetry('heartbeat-timeout') : to(null)

    case 'offline':
      return to(status === 'reconnecting' ? { online: false, retryAt: null } : { online: false })

    case 'online':
    case 'visible': {
      const next = event.type === 'online' ? { ...state, online: true } : state
      if (next.online && status === 'reconnecting') return attempt(state.attempt + 1, next)
      if (next.online && status === 'closed' && series === 'exhausted') {
        return attempt(1, next, 'fresh')
      }
      return to(next)
    }

    case 'destroy':
      return to(CLOSED)

    case 'error':
      return to({ error: { kind: event.kind, message: event.message, at } })

    case 'set':
      return to(event.patch as Patch<In>)
  }
}

/** A `shouldReconnect` that throws falls back to the default answer rather than break the engine. */
function wantsRetry(policy: ResolvedReconnect, close: CloseInfo): boolean {
  try {
    return policy.shouldReconnect(close) !== false
  } catch {
    return defaultShouldReconnect(close)
  }
}

/**
 * When the one timer that the state's status owns is due: the connect timeout (`connecting`), the
 * stable link (`open`, after `minUptime`), the planned retry (`reconnecting`); `null` for none. The
 * close handshake's limit is the socket's own.
 */
export function statusDeadline(
  state: ConnectionState,
  now: number,
  timing: { readonly connectTimeout: number; readonly minUptime: number },
): number | null {
  const { status } = state
  if (status === 'reconnecting') return state.retryAt
  if (status === 'connecting') return now + timing.connectTimeout
  return status === 'open' ? now + timing.minUptime : null
}
