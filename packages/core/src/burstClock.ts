/**
 * A clock read at most once per burst of synchronous work. Reading the system clock costs about as
 * much as delivering a small frame, and the frames that one socket read hands over in a row all
 * arrived together: they share one timestamp. The reading is dropped at the next microtask, so
 * every new task (each browser message event, each Node socket read) reads the clock again.
 */
export function createBurstClock(now: () => number): () => number {
  let cached: number | null = null
  const forget = (): void => {
    cached = null
  }
  return () => {
    if (cached === null) {
      cached = now()
      queueMicrotask(forget)
    }
    return cached
  }
}
