import type { StoreApi } from 'zustand/vanilla'

/** Where a connection goes: a URL, or a function called before every attempt (fresh tokens). */
export type UrlSource = string | URL | (() => string | URL | Promise<string | URL>)

/**
 * The life of a connection.
 * - `'idle'`: created with `autoConnect: false` (or no URL yet); nothing happens until `connect()`.
 * - `'connecting'`: an attempt is under way (URL resolving or socket opening).
 * - `'open'`: the socket is open.
 * - `'reconnecting'`: waiting for the next attempt (`retryAt`), or paused while offline.
 * - `'closing'`: `disconnect()` is waiting for the close handshake (1,000 ms at most).
 * - `'closed'`: by `disconnect()`, by `shouldReconnect`, or attempts exhausted.
 */
export type Status = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closing' | 'closed'

/** `WebSocket.CONNECTING`, `OPEN`, `CLOSING`, `CLOSED`. */
export type ReadyState = 0 | 1 | 2 | 3

/** Data of a received frame: text, or binary in the socket's `binaryType`. */
export type MessageData = string | ArrayBuffer | Blob | ArrayBufferView

/** What `send` accepts. */
export type SendData = string | ArrayBufferLike | ArrayBufferView | Blob

/** `'sent'`: handed to an open socket; `'queued'`: waits for the next open; `'dropped'`: lost. */
export type SendResult = 'sent' | 'queued' | 'dropped'

/** What went wrong, by cause. */
export type ErrorKind =
  | 'url'
  | 'connect-timeout'
  | 'heartbeat-timeout'
  | 'socket'
  | 'parse'
  | 'queue-overflow'
  | 'send'

/** The latest error of a connection. `at` is a `Date.now()` value. */
export interface LifelineError {
  readonly kind: ErrorKind
  readonly message: string
  readonly at: number
}

/**
 * How a socket ended. A socket abandoned by the heartbeat or the connect timeout is recorded at once
 * as `{ code: 1006, wasClean: false, reason: 'heartbeat timeout' | 'connect timeout' }`.
 */
export interface CloseInfo {
  readonly code: number
  readonly reason: string
  readonly wasClean: boolean
  readonly at: number
}

/** Heartbeat settings; every field is optional. */
export interface HeartbeatOptions {
  /** Silence (no frame received) after which a ping is sent, in ms. Default `25_000`. */
  interval?: number
  /** Time after a ping within which some frame must arrive, in ms. Default `10_000`. */
  timeout?: number
  /** The ping frame, or a function called for every ping. Default `'ping'`. */
  message?: SendData | (() => SendData)
  /** Tells a reply to the ping; pongs set `latency` and are never delivered. Default `data === 'pong'`. */
  isPong?: (data: MessageData) => boolean
}

/** Reconnection settings; every field is optional. */
export interface ReconnectOptions {
  /** Connect attempts allowed since the last stable open, the first one included. Default `Infinity`. */
  maxAttempts?: number
  /** Delay before the first retry, in ms. Default `1_000`. */
  minDelay?: number
  /** Upper bound of any delay, in ms. Default `30_000`. */
  maxDelay?: number
  /** Growth of the delay per failed attempt. Default `2`. */
  factor?: number
  /** Share of the delay that is random: the delay is scaled by a factor in `[1 - jitter, 1]`. Default `0.5`. */
  jitter?: number
  /** How long a link must stay open before the attempt counter resets, in ms. Default `5_000`. */
  minUptime?: number
  /**
   * Whether to try again after this close. Default: no for close codes 1002, 1003, 1007, 1008, 1009,
   * 1010 and 4400–4499 (the server says the client is at fault), yes otherwise.
   */
  shouldReconnect?: (close: CloseInfo) => boolean
}

/** What to do when the queue is full. */
export type OverflowPolicy = 'drop-oldest' | 'drop-newest' | 'error'

/** Queue settings; every field is optional. */
export interface QueueOptions {
  /** Most messages kept while the link is down. Default `1_000`. */
  maxSize?: number
  /**
   * Default `'drop-oldest'`: the oldest queued message makes room. `'drop-newest'`: the new message
   * is dropped. `'error'`: the new message is refused and handed back to the caller (`send` returns
   * `'dropped'`, it is not counted in `dropped`). Every overflow sets `error` (`'queue-overflow'`).
   */
  overflow?: OverflowPolicy
}

/** The fields Lifeline reads from socket events (open, message, close, error). */
export interface SocketEventLike {
  readonly type: string
  readonly data?: unknown
  readonly code?: number
  readonly reason?: string
  readonly wasClean?: boolean
  readonly message?: unknown
}

/** The minimal socket surface Lifeline uses: the browser `WebSocket` and `ws` both fit. */
export interface WebSocketLike {
  readonly readyState: number
  binaryType: string
  send(data: SendData): void
  close(code?: number, reason?: string): void
  addEventListener(
    type: 'open' | 'message' | 'close' | 'error',
    listener: (event: SocketEventLike) => void,
  ): void
  removeEventListener(
    type: 'open' | 'message' | 'close' | 'error',
    listener: (event: SocketEventLike) => void,
  ): void
}

/** A WebSocket constructor: `globalThis.WebSocket`, `ws`, or a fake in tests. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike

/** A clock and timers; wraps the globals lazily by default, replaceable in tests and other runtimes. */
export interface TimerProvider {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  now(): number
}

/** A change in the world around the connection. */
export type NetworkSignal = 'online' | 'offline' | 'visible'

/** Where network and visibility changes come from (the browser's by default). */
export interface NetworkEnvironment {
  /** Last known network state; `true` where unknown. */
  isOnline(): boolean
  /** Starts listening; returns the function that stops. */
  subscribe(listener: (signal: NetworkSignal) => void): () => void
}

/** Options of `createLifeline`. All times are in ms. */
export interface LifelineOptions<In = unknown> {
  /** Sub-protocols, passed to the WebSocket constructor. */
  protocols?: string | string[]
  /** The WebSocket constructor. Default `globalThis.WebSocket`; in Node < 22 pass `ws`. */
  WebSocket?: WebSocketConstructor
  /** Binary frames as `'blob'` (browser default) or `'arraybuffer'`. Left to the socket when unset. */
  binaryType?: 'blob' | 'arraybuffer'
  /** Connect at creation. Default `true`; `false` leaves status `'idle'` until `connect()`. */
  autoConnect?: boolean
  /** An attempt (URL resolution included) not open by then is aborted and counts as failed. Default `10_000`. */
  connectTimeout?: number
  /** `false` (default), `true` (all defaults), or settings. */
  heartbeat?: boolean | HeartbeatOptions
  /** `false`, or settings. Enabled by default. */
  reconnect?: false | ReconnectOptions
  /** `false`, or settings. Enabled by default. */
  queue?: false | QueueOptions
  /**
   * Turns a text frame into `lastJson`. Default `JSON.parse`; `false` skips parsing. A throw is
   * recorded as error `'parse'`; the frame is still delivered and the link stays up.
   */
  parse?: false | ((text: string) => In)
  /** Browsers: `offline` pauses retries, `online` retries at once, a visible page checks the link. Default `true`. */
  watchNetwork?: boolean
  /** Advanced: network and visibility signals. Default: the browser's `window` and `document`, none elsewhere. */
  environment?: NetworkEnvironment
  /** Advanced: clock and timers. Default: the global ones, looked up at each call. */
  timers?: TimerProvider
  /** Advanced: a number in `[0, 1)` for jitter, drawn per attempt. Default `Math.random`. */
  random?: () => number
}

/** Everything known about a connection; one zustand store holds it. */
export interface ConnectionState<In = unknown> {
  readonly status: Status
  /** `readyState` of the current socket; `3` with none. */
  readonly readyState: ReadyState
  /** Connect attempts since the last stable open; `0` before any. */
  readonly attempt: number
  /** When the next attempt is due, or `null` (none planned, or paused while offline). */
  readonly retryAt: number | null
  /** Last known network state; `true` where unknown. */
  readonly online: boolean
  /** Data of the latest message that is not a pong, or `null`. */
  readonly lastMessage: MessageData | null
  /** `parse(lastMessage)` when it is text and parsed, else `undefined`. */
  readonly lastJson: In | undefined
  /** Round trip of the latest ping → pong, in ms, or `null`. */
  readonly latency: number | null
  /** When any frame was last received, or `null`. */
  readonly lastSeenAt: number | null
  /** Messages waiting in the queue. */
  readonly queued: number
  /** Messages the queue's overflow policy dropped so far. */
  readonly dropped: number
  /** The latest error, or `null`. */
  readonly error: LifelineError | null
  /** The latest close, or `null`. */
  readonly lastClose: CloseInfo | null
}

/** Something that happened on a connection, for logs and timelines. `at` is a `Date.now()` value. */
export type LifelineEvent =
  | { readonly type: 'connecting'; readonly attempt: number; readonly at: number }
  | { readonly type: 'open'; readonly at: number }
  | { readonly type: 'close'; readonly close: CloseInfo; readonly at: number }
  | { readonly type: 'error'; readonly error: LifelineError; readonly at: number }
  | { readonly type: 'ping'; readonly at: number }
  | { readonly type: 'pong'; readonly latency: number; readonly at: number }
  | {
      readonly type: 'retry'
      readonly attempt: number
      readonly retryAt: number
      readonly at: number
    }
  | { readonly type: 'status'; readonly status: Status; readonly at: number }

/** A connection kept alive; created by `createLifeline`. */
export interface Lifeline<In = unknown, Out = unknown> {
  /**
   * The zustand store of this connection's state. `getState()` is always current. Subscribers hear
   * of every change at once, except messages: a burst of frames (one socket read can hold
   * thousands) wakes them once, at the next microtask, with the latest message. `onMessage` sees
   * every message.
   */
  readonly store: StoreApi<ConnectionState<In>>
  /** Starts, or retries now (skipping a pending backoff). No-op while connecting or open. */
  connect(): void
  /**
   * Closes and stays closed until `connect()`. Status is `'closing'` until the close handshake ends,
   * at most 1,000 ms; a peer that never answers is then abandoned and status is `'closed'`.
   * @param code 1000 (default) or 3000–4999; another code is recorded as an error and 1000 is sent.
   */
  disconnect(code?: number, reason?: string): void
  /**
   * Sends now if open, else queues.
   * @returns `'sent'` when handed to an open socket, `'queued'` when kept for the next open,
   * `'dropped'` when the queue is off or full, the data is not sendable, or the instance is destroyed.
   */
  send(data: SendData): SendResult
  /** `send(JSON.stringify(value))`; a value that does not stringify sets error `'send'` and is dropped. */
  sendJson(value: Out): SendResult
  /** Calls `listener(data, json)` for every message that is not a pong. Returns the unsubscribe. */
  onMessage(listener: (data: MessageData, json: In | undefined) => void): () => void
  /** Calls `listener` for every lifecycle event (open, close, ping, pong, retry…). Returns the unsubscribe. */
  onEvent(listener: (event: LifelineEvent) => void): () => void
  /** The current WebSocket or `null`; an escape hatch, Lifeline owns its listeners. */
  socket(): WebSocketLike | null
  /** Disconnects and drops every timer and listener; the instance is done. */
  destroy(): void
}
