/** The numbers that shape the backoff. */
export interface BackoffOptions {
  readonly minDelay: number
  readonly maxDelay: number
  readonly factor: number
  readonly jitter: number
}

/**
 * The delay before retry `n` (`n` ≥ 1 after a loss), in ms:
 * `min(maxDelay, minDelay · factor^(n-1))` scaled by a factor in `[1 - jitter, 1]`.
 * @param random a number in `[0, 1)`, drawn per attempt by the caller so that clients that lost the
 * same server at the same moment spread their retries instead of stampeding it together.
 */
export function nextDelay(n: number, options: BackoffOptions, random: number): number {
  const exponent = Math.max(0, Math.floor(n) - 1)
  const base = Math.min(options.maxDelay, options.minDelay * options.factor ** exponent)
  const r = Math.min(1, Math.max(0, random))
  return Math.round(base * (1 - options.jitter * r))
}
