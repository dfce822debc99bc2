import type { HeartbeatOptions, LifelineOptions, OverflowPolicy } from './options.js'
import { parseJsonText } from './parse.js'
import type { CloseInfo, MessageData, SendData } from './types.js'

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

/** The default `shouldReconnect`: no for 1002, 1003, 1007–1010 and 4400–4499, yes otherwise. */
export function defaultShouldReconnect(close: CloseInfo): boolean {
  const { code } = close
  // The server blames the client for these: trying again would only be refused again.
  return (
    code !== 1002 && code !== 1003 && (code < 1007 || code > 1010) && (code < 4400 || code > 4499)
  )
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
  /** How long a link must stay open before `attempt` resets (also with reconnection off). */
  readonly minUptime: number
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
  return typeof value === 'number' && !Number.isNaN(value)
    ? Math.min(max, Math.max(min, value))
    : fallback
}

/** A number option's default, and the bounds it is clamped into. */
type Bounds = readonly [fallback: number, min?: number, max?: number]

/** Resolves every number option named in `table` with `pickNumber`. */
function numbers<Key extends string>(
  given: NoInfer<{ readonly [key in Key]?: number | undefined }>,
  table: { readonly [key in Key]: Bounds },
): { [key in Key]: number } {
  const resolved = {} as { [key in Key]: number }
  for (const key in table) resolved[key] = pickNumber(given[key], ...(table[key] as Bounds))
  return resolved
}

const HEARTBEAT = {
  interval: [DEFAULT_HEARTBEAT_INTERVAL, 1],
  timeout: [DEFAULT_HEARTBEAT_TIMEOUT, 1],
} as const
const RECONNECT = {
  maxAttempts: [Infinity],
  minDelay: [1 * SECOND],
  // Caps every delay, even below the default minDelay: `{ maxDelay: 200 }` never waits longer.
  maxDelay: [30 * SECOND],
  factor: [2, 1],
  jitter: [0.5, 0, 1],
  minUptime: [DEFAULT_MIN_UPTIME],
} as const

const isPongText = (data: MessageData): boolean => data === 'pong'

/** Fills in every default of `LifelineOptions` that the engine's logic reads. */
export function resolveOptions<In>(options: LifelineOptions<In>): ResolvedOptions<In> {
  const { heartbeat, reconnect = {}, queue = {}, parse } = options
  const beat: HeartbeatOptions | null = heartbeat === true ? {} : heartbeat || null
  const retry = reconnect && {
    ...numbers(reconnect, RECONNECT),
    shouldReconnect: reconnect.shouldReconnect ?? defaultShouldReconnect,
  }
  return {
    connectTimeout: pickNumber(options.connectTimeout, DEFAULT_CONNECT_TIMEOUT, 1),
    heartbeat: beat && {
      ...numbers(beat, HEARTBEAT),
      message: beat.message ?? 'ping',
      isPong: beat.isPong ?? isPongText,
    },
    reconnect: retry || null,
    queue:
      queue === false
        ? null
        : {
            maxSize: pickNumber(queue.maxSize, DEFAULT_QUEUE_SIZE),
            overflow: queue.overflow ?? 'drop-oldest',
          },
    parse: parse === false ? null : (parse ?? (parseJsonText as (text: string) => In)),
    minUptime: retry ? retry.minUptime : DEFAULT_MIN_UPTIME,
  }
}
