const SECOND = 1_000
const MIB = 1024 * 1024

/** Limits on what one connection may leave unsent: a client that does not read costs bounded memory. */
export interface BackpressureOptions {
  /**
   * Unsent bytes (the socket's `bufferedAmount`) above which `send` sends that socket nothing more,
   * and counts it skipped. Default `1024 * 1024` (1 MiB).
   */
  readonly limit?: number
  /**
   * How long a socket may stay above `limit`, in ms, before it is closed with `code`. Default
   * `10_000`; `0` closes at once.
   */
  readonly grace?: number
  /** The close code. Default `1013` (try again later): a slow client that reconnects is welcome. */
  readonly code?: number
}

/** The defaults of {@link BackpressureOptions}, filled in. */
export const DEFAULT_BACKPRESSURE: Required<BackpressureOptions> = {
  limit: 1 * MIB,
  grace: 10 * SECOND,
  code: 1013,
}

/** The options filled in with their defaults; throws a `RangeError` on a value that cannot work. */
export function resolveBackpressure(
  options: BackpressureOptions | true,
): Required<BackpressureOptions> {
  const resolved = options === true ? DEFAULT_BACKPRESSURE : { ...DEFAULT_BACKPRESSURE, ...options }
  if (!(resolved.limit >= 0 && Number.isFinite(resolved.limit))) {
    throw new RangeError(`backpressure.limit must be a finite number ≥ 0, not ${resolved.limit}`)
  }
  if (!(resolved.grace >= 0 && Number.isFinite(resolved.grace))) {
    throw new RangeError(`backpressure.grace must be a finite number ≥ 0, not ${resolved.grace}`)
  }
  // A code a peer may receive: 1000 and 1001, the registered 1007–1014, or one of the 3000–4999 range.
  const code = resolved.code
  if (
    !(
      (code >= 1000 && code <= 1001) ||
      (code >= 1007 && code <= 1014) ||
      (code >= 3000 && code <= 4999)
    )
  ) {
    throw new RangeError(`backpressure.code must be a close code a peer may receive, not ${code}`)
  }
  return resolved
}

/** What a connection's backpressure is now. */
export type Pressure = 'ok' | 'over' | 'overdue'

/** The backpressure state of one connection. */
export interface PressureGauge {
  /**
   * Compares `buffered` (the socket's unsent bytes) with the limit at time `now`.
   *
   * @returns `'ok'` (at or under the limit: send), `'over'` (above it, within the grace: skip) or
   * `'overdue'` (above it for the whole grace: close the connection).
   */
  check(buffered: number, now: number): Pressure
}

/**
 * A gauge for one connection. Pure: the caller reads `bufferedAmount` and the clock, so the rule is
 * tested without sockets. Going back under the limit, even once, starts the grace afresh.
 */
export function createPressureGauge(options: Required<BackpressureOptions>): PressureGauge {
  let overSince: number | null = null
  return {
    check(buffered, now) {
      if (buffered <= options.limit) {
        overSince = null
        return 'ok'
      }
      overSince ??= now
      return now - overSince >= options.grace ? 'overdue' : 'over'
    },
  }
}
