/** Options of {@link createRateLimit}. */
export interface RateLimitOptions {
  /** Tokens added back per second: the sustained rate, in frames per second. Must be > 0. */
  readonly perSecond: number
  /** Bucket size: how many frames may arrive at once after a quiet spell. Must be ≥ 1. */
  readonly burst: number
}

/** A token bucket for one connection. */
export interface RateLimit {
  /**
   * Spends one token.
   *
   * @returns `true` if a token was there (the frame may be handled), `false` if the bucket is empty
   * (the frame is refused and costs nothing, so a refused sender recovers at the sustained rate).
   */
  take(): boolean
}

const SECOND = 1000

/**
 * A token bucket: starts full with `burst` tokens and refills continuously at `perSecond`, never
 * above `burst`. Pure apart from the clock, which is injected so tests need no fake timers.
 *
 * @param now The clock in ms; default `Date.now`. A clock that steps back refills nothing.
 * @example
 * ```ts
 * const limit = createRateLimit({ perSecond: 20, burst: 40 })
 * if (!limit.take()) reply({ type: 'error', code: 'rate-limited', message: 'slow down' })
 * ```
 */
export function createRateLimit(
  options: RateLimitOptions,
  now: () => number = Date.now,
): RateLimit {
  const { perSecond, burst } = options
  if (!(perSecond > 0)) throw new RangeError(`rate.perSecond must be > 0, got ${perSecond}`)
  if (!(burst >= 1)) throw new RangeError(`rate.burst must be ≥ 1, got ${burst}`)
  let tokens = burst
  let last = now()
  return {
    take() {
      const t = now()
      // Refill lazily on use rather than on a timer: idle connections then cost nothing.
      tokens = Math.min(burst, tokens + (Math.max(0, t - last) / SECOND) * perSecond)
      // Keep the latest time seen: a clock that steps back and forth again must not refill twice.
      last = Math.max(last, t)
      if (tokens < 1) return false
      tokens -= 1
      return true
    },
  }
}
