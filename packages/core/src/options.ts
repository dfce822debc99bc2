import type { Capability } from './capability.js'
import type { CloseInfo, MessageData, SendData, WebSocketConstructor } from './types.js'

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
  /** Delay before the first retry of a series, in ms. Default `1_000`. */
  minDelay?: number
  /** Upper bound of every delay, in ms, also one below `minDelay`. Default `30_000`. */
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

/** Sub-protocols, or a function (sync or async) called before every attempt, as for the URL. */
export type ProtocolsSource =
  | string
  | string[]
  | (() => string | string[] | Promise<string | string[]>)

/** What `hello` gives for a new socket: one frame, several (sent in order), or nothing. */
export type HelloFrames = SendData | readonly SendData[] | undefined

/** Options of `createLifeline`. All times are in ms. */
export interface LifelineOptions<In = unknown> {
  /**
   * Sub-protocols, passed to the WebSocket constructor. A function is called before every attempt
   * (a token carried as a sub-protocol is then fresh on each reconnect); one that throws or rejects
   * sets error `'url'` and counts as a failed attempt.
   */
  protocols?: ProtocolsSource
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
   * Turns a text frame into `lastJson`. Default: `JSON.parse` for frames that look like JSON (`{` or
   * `[` after leading whitespace); any other text is plain text (`lastJson` `undefined`, no error).
   * `false` skips parsing. A throw is recorded as error `'parse'`; the frame is still delivered,
   * the link stays up, and a burst of such frames wakes store subscribers once, as messages do.
   */
  parse?: false | ((text: string) => In)
  /**
   * Browsers: `offline` pauses retries (and pings an open link at once), `online` retries at once,
   * and a page that becomes visible checks the link at once. A connection `'closed'` because
   * `maxAttempts` ran out starts a fresh series of attempts on `online` and on a visible page.
   * Default `true`.
   */
  watchNetwork?: boolean
  /**
   * Called on every open; what it returns goes out first, before anything queued. For the join,
   * auth frame or subscriptions that every new socket needs. A throw sets error `'send'` and the
   * link stays up.
   */
  hello?: () => HelloFrames
  /**
   * A session from `@lifeline/core/session`: numbered messages, acknowledgements and a resume, so
   * nothing is lost across a reconnect in either direction. Default none.
   */
  session?: Capability<In>
  /** Advanced: network and visibility signals. Default: the browser's `window` and `document`, none elsewhere. */
  environment?: NetworkEnvironment
  /** Advanced: clock and timers. Default: the global ones, looked up at each call. */
  timers?: TimerProvider
  /** Advanced: a number in `[0, 1)` for jitter, drawn per attempt. Default `Math.random`. */
  random?: () => number
}
