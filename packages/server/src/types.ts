import type { RawData, WebSocket } from 'ws'
import type { BackpressureOptions } from './backpressure.js'
import type { RateLimitOptions } from './rateLimit.js'

/** Options of `attachHeartbeat`. */
export interface HeartbeatServerOptions {
  /**
   * How often dead peers are swept, in ms: each sweep ends the peers that did not answer the previous
   * one's protocol ping. From 1 to `2 ** 31 - 1`: anything else (`0`, `NaN`, `Infinity`) throws a
   * `RangeError`, where `setInterval` would silently sweep every millisecond. Default `30_000`.
   */
  interval?: number
  /** The text of a client heartbeat, or a predicate over the text. Default `'ping'`. */
  ping?: string | ((text: string) => boolean)
  /**
   * The reply to a client heartbeat, or a function of its text (`(text) => text` for echo-style); a
   * function that throws sends no reply. Default `'pong'`.
   */
  pong?: string | ((text: string) => string)
  /**
   * Bounds what a client that does not read can cost: `send` skips a socket whose unsent bytes
   * passed `limit`, and a socket above it for `grace` is closed (1013). `true` for the defaults;
   * default `false` (off).
   */
  backpressure?: BackpressureOptions | boolean
  /**
   * Rate limits per connection on frames and bytes, heartbeats included; past `strikes` refused
   * frames the connection is closed with 1008. `true` for the defaults; default `false` (off).
   */
  rateLimit?: RateLimitOptions | boolean
  /**
   * Told when a handler run by `handle` or `guard` threw; that connection was closed with 1011.
   * Default: `console.error`.
   */
  onError?: (error: unknown, socket: WebSocket) => void
}

/** Counts of a server's connections and of what the limits did. */
export interface HeartbeatStats {
  /** Connections open now. */
  readonly active: number
  /** Connections ever watched: those open at `attachHeartbeat` and those accepted since. */
  readonly total: number
  /** Connections ended by the sweep because they stopped answering protocol pings. */
  readonly terminated: number
  /** Connections closed because their unsent bytes stayed above `backpressure.limit` too long. */
  readonly overloaded: number
  /** Messages `send` skipped because their socket was above `backpressure.limit`. */
  readonly skipped: number
  /** Frames refused by `rateLimit`. */
  readonly refused: number
  /** Connections closed with 1008 because they went on past `rateLimit.strikes`. */
  readonly abusive: number
  /** Connections closed with 1011 because a handler run by `handle` or `guard` threw. */
  readonly failed: number
}

/** What `send` did with a message. */
export type SendResult =
  /** Handed to the socket. */
  | 'sent'
  /** Not sent: the socket is above its backpressure limit (counted in `stats().skipped`). */
  | 'skipped'
  /** Not sent: the socket is not open. */
  | 'closed'

/** The application's handlers of one connection's frames, for `handle`. */
export interface FrameHandlers {
  /** Every frame that is not a heartbeat and passed the rate limit. */
  message(data: RawData, isBinary: boolean): void
  /**
   * A frame the rate limit refused while the connection stays open: a chance to tell the client
   * (at most `strikes` such frames a connection, then it is closed with 1008 instead).
   */
  refused?(data: RawData, isBinary: boolean): void
}

/** What `attachHeartbeat` returns. */
export interface HeartbeatServer {
  /** The counts now; after `stop()`, the counts as they were when it was called. */
  stats(): HeartbeatStats
  /**
   * Whether a received frame is a client heartbeat (answered by `attachHeartbeat` until `stop()`):
   * application handlers skip it. Binary frames never are.
   */
  isHeartbeat(data: unknown, isBinary?: boolean): boolean
  /**
   * Sends `data` unless the socket is closed or above its backpressure limit; the way to send to
   * many sockets (a fan-out skips, and counts, the ones that do not read).
   *
   * @returns `'sent'`, `'skipped'` (backpressure) or `'closed'` (not open). Never throws.
   */
  send(
    socket: WebSocket,
    data: string | ArrayBuffer | ArrayBufferView,
    options?: { readonly binary?: boolean },
  ): SendResult
  /**
   * Routes one connection's frames to `handlers`: heartbeats and frames of a connection being
   * closed are left out, refused frames go to `refused`. Each call is guarded as by `guard`.
   *
   * @returns A function that removes the listener.
   */
  handle(socket: WebSocket, handlers: FrameHandlers): () => void
  /**
   * Runs `fn`; if it throws, the error goes to `onError` and `socket` (only that one) is closed with
   * 1011. For every handler of a connection's events, so that a bug never takes the process down.
   *
   * @returns What `fn` returned, or `undefined` when it threw.
   */
  guard<T>(socket: WebSocket, fn: () => T): T | undefined
  /** Stops sweeping, answering and watching new connections; the connections stay open. Idempotent. */
  stop(): void
}
