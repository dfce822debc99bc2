/** A sustained rate and the burst allowed on top of it. */
export interface Rate {
  /** Tokens added back per second: the sustained rate. Must be > 0. */
  readonly perSecond: number
  /** Bucket size: how much may arrive at once after a quiet spell. Must be > 0. */
  readonly burst: number
}

/** A token bucket: `take` spends tokens while there are enough, and it refills over time. */
export interface TokenBucket {
  /**
   * Spends `amount` tokens [1] if the bucket holds that many.
   *
   * @returns `true` when they were there (and are now spent); `false` when not, and then nothing is
   * spent, so a refused sender recovers at the sustained rate.
   */
  take(amount?: number): boolean
  /** Whether `take(amount)` would succeed now, spending nothing. */
  has(amount?: number): boolean
}

const SECOND = 1_000

/** Throws a `RangeError` naming `name` unless `rate` can ever let anything through. */
export function checkRate(name: string, rate: Rate): void {
  if (!(rate.perSecond > 0 && Number.isFinite(rate.perSecond))) {
    throw new RangeError(`${name}.perSecond must be a finite number > 0, not ${rate.perSecond}`)
  }
  if (!(rate.burst > 0 && Number.isFinite(rate.burst))) {
    throw new RangeError(`${name}.burst must be a finite number > 0, not ${rate.burst}`)
  }
}

/**
 * A token bucket that starts full with `burst` tokens and refills continuously at `perSecond`,
 * never above `burst`. It refills lazily when asked, not on a timer, so a bucket nobody uses costs
 * nothing. Pure apart from the clock, which is injected so tests need no fake timers.
 *
 * @param now The clock in ms [`Date.now`]. A clock that steps back refills nothing, and stepping
 * forward again does not refill twice.
 * @returns The bucket; throws a `RangeError` at once for a rate that could never let anything
 * through (`perSecond` or `burst` not a finite number > 0).
 * @example
 * ```ts
 * const joins = createTokenBucket({ perSecond: 0.2, burst: 3 }) // 3 at once, then one per 5 s
 * if (!joins.take()) refuse('too many joins')
 * ```
 */
export function createTokenBucket(rate: Rate, now: () => number = Date.now): TokenBucket {
  checkRate('rate', rate)
  const { perSecond, burst } = rate
  let tokens = burst
  let last = now()
  const refill = (): void => {
    const t = now()
    tokens = Math.min(burst, tokens + (Math.max(0, t - last) / SECOND) * perSecond)
    last = Math.max(last, t)
  }
  return {
    take(amount = 1) {
      refill()
      if (tokens < amount) return false
      tokens -= amount
      return true
    },
    has(amount = 1) {
      refill()
      return tokens >= amount
    },
  }
}
