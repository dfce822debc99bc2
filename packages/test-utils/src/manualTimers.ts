// The timer list is the public clock's (`@lifeline/testing`), shared rather than said twice; only
// the moves differ: synchronous here.
import { createTimerQueue } from '../../testing/src/clock/timerQueue.js'

/**
 * A clock and timers that move only when a test says so, synchronously; fits
 * `LifelineOptions.timers`. Core's own tests use it to put several events inside one task on
 * purpose (core reads the clock once per burst of synchronous work, so such a test must `await` a
 * microtask between events that should read different times). Users get `createManualClock` of
 * `@lifeline/testing`, whose moves are awaited and cannot fall into that.
 */
export interface ManualTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  now(): number
  /** Moves the clock forward, running every timer that falls due, in order. */
  advance(ms: number): void
  /** Moves the clock forward WITHOUT running timers: a suspended tab or a sleeping laptop. */
  skip(ms: number): void
  /** Runs the next timer at once (the clock jumps to it); `false` when none is armed. */
  runNext(): boolean
  /** Timers still armed. */
  pending(): number
}

/** Creates manual timers starting at `start` (a `Date.now()`-like value). */
export function createManualTimers(start = 1_000_000): ManualTimers {
  let now = start
  const queue = createTimerQueue()
  const moveTo = (at: number): void => {
    now = Math.max(now, at)
  }
  const fireDue = (limit: number): boolean => queue.runDue(limit, moveTo)
  return {
    setTimeout: (callback, ms) => queue.add(now + Math.max(0, ms), callback),
    clearTimeout: (handle) => queue.remove(handle),
    now: () => now,
    advance(ms) {
      const target = now + ms
      while (fireDue(target)) {}
      now = target
    },
    skip(ms) {
      now += ms
    },
    runNext: () => fireDue(Number.POSITIVE_INFINITY),
    pending: () => queue.size,
  }
}
