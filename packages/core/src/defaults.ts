import type {
  CloseInfo,
  HeartbeatOptions,
  LifelineOptions,
  MessageData,
  OverflowPolicy,
  ReconnectOptions,
  SendData,
} from './types.js'

const SECOND = 1_000

/** Default `connectTimeout`. */
export const DEFAULT_CONNECT_TIMEOUT: number = 10 * SECOND
/** Default heartbeat `interval`. */
export const DEFAULT_HEARTBEAT_INTERVAL: number = 25 * SECOND
/** Default heartbeat `timeout`. */
export const DEFAULT_HEARTBEAT_TIMEOUT: number = 10 * SECOND
/** How long `disconnect()` waits for the close handshake before abandoning the socket. */
export const CLOSE_TIMEOUT: number = 1 * SECOND
/** Default reconnect `minUptime`; also when reconnection is off, for the `attempt` reset. */
export const DEFAULT_MIN_UPTIME: number = 5 * SECOND
/** Default queue `maxSize`. */
export const DEFAULT_QUEUE_SIZE = 1_000

/** Close codes after which the default policy does not reconnect: the server blames the client. */
const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([1002, 1003, 1007, 1008, 1009, 1010])

/** The default `shouldReconnect`: no for 1002, 1003, 1007–1010 and 4400–4499, yes otherwise. */
export function defaultShouldReconnect(close: CloseInfo): boolean {
  if (FATAL_CLOSE_CODES.has(close.code)) return false
  return close.code < 4400 || close.code > 4499
}

/** Every reconnect setting, resolved. */
export interface ResolvedReconnect {
  readonly maxAttempts: number
  readonly minDelay: number
  readonly maxDelay: number
  readonly factor: number
  readonly jitter: number
  readonly minUptime: number
  readonly shouldReconnect: (close: CloseInfo) => boolean
}

/** Every heartbeat setting, resolved. */
export interface ResolvedHeartbeat {
  readonly interval: number
  readonly timeout: number
  readonly message: SendData | (() => SendData)
  readonly isPong: (data: MessageData) => boolean
}

/** Every queue setting, resolved. */
export interface ResolvedQueue {
  readonly maxSize: number
  readonly overflow: OverflowPolicy
}

/** Options with every default filled in and every number made safe. */
export interface ResolvedOptions<In> {
  readonly connectTimeout: number
  readonly heartbeat: ResolvedHeartbeat | null
  readonly reconnect: ResolvedReconnect | null
  readonly queue: ResolvedQueue | null
  readonly parse: ((text: string) => In) | null
}

/**
 * A number option, or its default when missing or not a number; clamped into `[min, max]`.
 * Bad numbers fall back instead of throwing so a typo cannot break a live app.
 */
export function pickNumber(
  value: number | undefined,
  fallback: number,
  min: number = 0,
  max: number = Infinity,
): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return fallback
  return Math.min(max, Math.max(min, value))
}

const isPongText = (data: MessageData): boolean => data === 'pong'

function resolveHeartbeat(
  option: boolean | HeartbeatOptions | undefined,
): ResolvedHeartbeat | null {
  if (!option) return null
  const given = option === true ? {} : option
  return {
    interval: pickNumber(given.interval, DEFAULT_HEARTBEAT_INTERVAL, 1),
    timeout: pickNumber(given.timeout, DEFAULT_HEARTBEAT_TIMEOUT, 1),
    message: given.message ?? 'ping',
    isPong: given.isPong ?? isPongText,
  }
}

function resolveReconnect(option: false | ReconnectOptions | undefined): ResolvedReconnect | null {
  if (option === false) return null
  const given = option ?? {}
  const minDelay = pickNumber(given.minDelay, 1 * SECOND)
  return {
    maxAttempts: pickNumber(given.maxAttempts, Infinity),
    minDelay,
    maxDelay: pickNumber(given.maxDelay, Math.max(30 * SECOND, minDelay), minDelay),
    factor: pickNumber(given.factor, 2, 1),
    jitter: pickNumber(given.jitter, 0.5, 0, 1),
    minUptime: pickNumber(given.minUptime, DEFAULT_MIN_UPTIME),
    shouldReconnect: given.shouldReconnect ?? defaultShouldReconnect,
  }
}

/** Fills in every default of `LifelineOptions` that the engine's logic reads. */
export function resolveOptions<In>(options: LifelineOptions<In>): ResolvedOptions<In> {
  const queue = options.queue
  return {
    connectTimeout: pickNumber(options.connectTimeout, DEFAULT_CONNECT_TIMEOUT, 1),
    heartbeat: resolveHeartbeat(options.heartbeat),
    reconnect: resolveReconnect(options.reconnect),
    queue:
      queue === false
        ? null
        : {
            maxSize: pickNumber(queue?.maxSize, DEFAULT_QUEUE_SIZE, 0),
            overflow: queue?.overflow ?? 'drop-oldest',
          },
    parse: options.parse === false ? null : (options.parse ?? (JSON.parse as (text: string) => In)),
  }
}
