import { createTokenBucket, type Rate, type TokenBucket } from '@lifeline/server'

/** One token bucket per remote address, for limits that reconnecting must not reset. */
export interface AddressBuckets {
  /** Takes `amount` [1] from the address's bucket; `false` (spending nothing) when it lacks them. */
  take(address: string, amount?: number): boolean
  /** Addresses whose bucket is not full again (the others are forgotten). */
  size(): number
}

/** Buckets are pruned every this many takes, so that many addresses cannot grow the map. */
const PRUNE_EVERY = 256

/**
 * Token buckets by address, without timers: a bucket is forgotten once it has refilled, since a
 * fresh one is then the same (forgetting it sooner would hand a reconnecting abuser a fresh burst).
 *
 * @param now The clock in ms [`Date.now`].
 * @returns The buckets; throws a `RangeError` at once for a rate that could never let anything through.
 */
export function createAddressBuckets(rate: Rate, now: () => number = Date.now): AddressBuckets {
  createTokenBucket(rate, now)
  const buckets = new Map<string, TokenBucket>()
  let takes = 0
  return {
    take(address, amount = 1) {
      if (++takes % PRUNE_EVERY === 0) {
        for (const [key, bucket] of buckets) if (bucket.has(rate.burst)) buckets.delete(key)
      }
      let bucket = buckets.get(address)
      if (!bucket) {
        bucket = createTokenBucket(rate, now)
        buckets.set(address, bucket)
      }
      return bucket.take(amount)
    },
    size: () => buckets.size,
  }
}
