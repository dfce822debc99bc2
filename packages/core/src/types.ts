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
  | 'session'

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

/** Everything known about a connection; one zustand store holds it. */
export interface ConnectionState<In = unknown> {
  readonly status: Status
  /** `readyState` of the current socket; `3` with none. */
  readonly readyState: ReadyState
  /**
   * Connect attempts since the last stable open; `0` before any. The delay before the `n`-th retry
   * of a series is `min(maxDelay, minDelay·factor^(n-1))`, scaled by the jitter.
   */
  readonly attempt: number
  /** When the next attempt is due, or `null` (none planned, or paused while offline). */
  readonly retryAt: number | null
  /** Last known network state; `true` where unknown. */
  readonly online: boolean
  /** Data of the latest message that is not a pong, or `null`. */
  readonly lastMessage: MessageData | null
  /**
   * `parse(lastMessage)` when it is text and parsed, else `undefined`. The default parser reads
   * frames that look like JSON (`{` or `[` after leading whitespace); other text is plain text.
   */
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
  /** `null` without a session (`@lifeline/core/session`); else what the session knows. */
  readonly session: SessionState | null
  /**
   * `null` without a tab group (`@lifeline/core/tabs`); else `'leader'` (this instance holds the
   * socket) or `'follower'` (it mirrors the leader's).
   */
  readonly tab: 'leader' | 'follower' | null
}

/** The session part of the state. */
export interface SessionState {
  /** The server's session id; `null` before the first handshake. */
  readonly id: string | null
  /**
   * Set by each handshake: `true` when the server still had the session and nothing was lost,
   * `false` when it started a new one (the app should resync), `null` before the first.
   */
  readonly resumed: boolean | null
  /** Messages sent and not yet acknowledged by the server. */
  readonly unacked: number
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
  /** A session handshake completed (`@lifeline/core/session`). */
  | {
      readonly type: 'session'
      readonly id: string
      readonly resumed: boolean
      readonly at: number
    }

/** A connection kept alive; created by `createLifeline`. */
export interface Lifeline<In = unknown, Out = unknown> {
  /**
   * The zustand store of this connection's state. `getState()` is always current. Subscribers hear
   * of every change at once, except messages: a burst of frames (one socket read can hold
   * thousands) wakes them once, at the next microtask, with the latest message. `onMessage` sees
   * every message.
   */
  readonly store: StoreApi<ConnectionState<In>>
  /**
   * Starts, or retries now (skipping a pending backoff). No-op while connecting or open. While
   * `'closing'`, the close finishes in the background (it is still recorded in `lastClose`) and the
   * new attempt starts at once.
   */
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
