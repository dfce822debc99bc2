import { checkRate, createTokenBucket, type Rate } from './tokenBucket.js'

const KIB = 1024

/** Rate limits on what one connection may send. */
export interface RateLimitOptions {
  /**
   * Frames per connection, every frame counted, heartbeats included (a refused frame spends
   * nothing). `burst` is what a reconnecting client may send at once: its `hello` frames and its
   * whole queue, which holds up to 1,000 messages in a Lifeline client by default. Default
   * `{ perSecond: 100, burst: 1_100 }`.
   */
  readonly frames?: Rate
  /**
   * Bytes per connection, counted like frames. Make `burst` at least the largest frame you accept
   * (`maxPayload`), or such a frame can never pass. Default
   * `{ perSecond: 256 * 1024, burst: 4 * 1024 * 1024 }`.
   */
  readonly bytes?: Rate
  /**
   * Refused frames a connection may earn before it is closed with 1008 (policy violation); one is
   * forgiven per second. `0` closes at the first refused frame. Default `10`.
   */
  readonly strikes?: number
}

/** The defaults of {@link RateLimitOptions}, filled in. */
export const DEFAULT_RATE_LIMIT: Required<RateLimitOptions> = {
  // Lifeline's default queue (1,000 messages) flushed at once after a reconnect, plus its hello.
  frames: { perSecond: 100, burst: 1_100 },
  bytes: { perSecond: 256 * KIB, burst: 4 * 1024 * KIB },
  strikes: 10,
}

/** What the limit says about one frame. */
export type Admission = 'accepted' | 'refused' | 'abusive'

/** The rate limit of one connection. */
export interface FrameLimit {
  /**
   * Counts one frame of `bytes` bytes against the limits.
   *
   * @returns `'accepted'` (within both limits; spent), `'refused'` (over a limit; spends nothing
   * but a strike) or `'abusive'` (over a limit with no strike left: close the connection).
   */
  admit(bytes: number): Admission
}

/** The options filled in with their defaults; throws a `RangeError` on a value that cannot work. */
export function resolveRateLimit(options: RateLimitOptions | true): Required<RateLimitOptions> {
  const resolved = options === true ? DEFAULT_RATE_LIMIT : { ...DEFAULT_RATE_LIMIT, ...options }
  checkRate('rateLimit.frames', resolved.frames)
  checkRate('rateLimit.bytes', resolved.bytes)
  if (!(Number.isInteger(resolved.strikes) && resolved.strikes >= 0)) {
    throw new RangeError(`rateLimit.strikes must be a whole number ≥ 0, not ${resolved.strikes}`)
  }
  return resolved
}

/**
 * One connection's limits: a token bucket of frames, one of bytes, and one of strikes. A frame
 * passes only when both buckets hold enough, and then it spends from both; a refused frame spends
 * nothing from them, so a client that slows down to the sustained rate recovers.
 *
 * @param now The clock in ms [`Date.now`].
 */
export function createFrameLimit(
  options: Required<RateLimitOptions>,
  now: () => number = Date.now,
): FrameLimit {
  const frames = createTokenBucket(options.frames, now)
  const bytes = createTokenBucket(options.bytes, now)
  // `strikes` 0 still needs a bucket: an empty one, so the first refusal is already abuse.
  const strikes =
    options.strikes > 0 ? createTokenBucket({ perSecond: 1, burst: options.strikes }, now) : null
  return {
    admit(size) {
      if (frames.has(1) && bytes.has(size)) {
        frames.take(1)
        bytes.take(size)
        return 'accepted'
      }
      return strikes?.take(1) ? 'refused' : 'abusive'
    },
  }
}
