import { createTimerQueue } from './timerQueue.js'

/**
 * A clock and timers that move only when the test says so. It fits `LifelineOptions.timers`
 * (`setTimeout`, `clearTimeout`, `now`), so heartbeat, backoff, connect timeout and session
 * acknowledgements all follow it, while the sockets keep working: unlike vitest's fake timers it
 * touches no global, so MSW, `ws` and the DOM run as usual.
 */
export interface ManualClock {
  /** For `LifelineOptions.timers`: arms a timer `ms` from `now()`. */
  setTimeout(callback: () => void, ms: number): unknown
  /** For `LifelineOptions.timers`: disarms a timer; unknown handles are ignored. */
  clearTimeout(handle: unknown): void
  /** For `LifelineOptions.timers`: the current time (a `Date.now()`-like number). */
  now(): number
  /**
   * Moves the clock forward by `ms`, running every timer that falls due, in order, each at its own
   * time. Before each timer and at the end it lets pending work run (promises, and the MSW mock's or
   * a fake socket's deliveries), as time passing would: a ping sent by one timer is answered
   * before the heartbeat's deadline timer runs. Real sockets answer over the network: wait for
   * what they send (`waitForState`) before advancing past a deadline.
   *
   * Always `await` it. Rejects when another `advance`, `skip` or `runNext` is still running.
   */
  advance(ms: number): Promise<void>
  /**
   * Moves the clock forward by `ms` WITHOUT running timers, as for a sleeping laptop or a throttled
   * tab; the overdue timers run at the next `advance()` (`advance(0)` runs them at once).
   */
  skip(ms: number): Promise<void>
  /** Jumps to the next timer and runs it; resolves `false` when none is armed. */
  runNext(): Promise<boolean>
  /** When the next timer is due (a `now()` value), or `null` when none is armed. */
  nextAt(): number | null
  /** Timers armed now. */
  pending(): number
}

/**
 * Lets pending work run: every queued promise reaction first (a macrotask comes after all of
 * them), which also ends Lifeline's one reading of the clock per burst of synchronous work, so
 * what happens next reads the new time.
 */
const settle = (): Promise<void> =>
  new Promise((resolve) => {
    globalThis.setTimeout(resolve, 0)
  })

/**
 * Creates a manual clock starting at `start` (default `1_000_000`, a fixed `Date.now()`-like value,
 * so timestamps in the state repeat from run to run). Browser-safe.
 *
 * @example
 * ```ts
 * const clock = createManualClock()
 * const line = createLifeline(url, { timers: clock, heartbeat: { interval: 25_000, timeout: 10_000 } })
 * await clock.advance(25_000) // the heartbeat pings; the server's pong arrives
 * await clock.advance(10_000) // no deadline missed: still open
 * ```
 */
export function createManualClock(start = 1_000_000): ManualClock {
  let now = start
  let busy: string | null = null
  const queue = createTimerQueue()
  const moveTo = (at: number): void => {
    now = Math.max(now, at)
  }
  const fireDue = (limit: number): boolean => queue.runDue(limit, moveTo)

  // A second move started before the first one ended would interleave their timers: the test
  // forgot an `await`, which it should hear about rather than get an order that depends on luck.
  const exclusive = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    if (busy !== null) {
      throw new Error(
        `${name}() called while ${busy}() is still running: await each move of the clock`,
      )
    }
    busy = name
    try {
      return await run()
    } finally {
      busy = null
    }
  }

  return {
    setTimeout: (callback, ms) =>
      queue.add(now + (Number.isFinite(ms) && ms > 0 ? ms : 0), callback),
    clearTimeout: (handle) => queue.remove(handle),
    now: () => now,
    advance: (ms) =>
      exclusive('advance', async () => {
        const target = now + Math.max(0, ms)
        do await settle()
        while (fireDue(target))
        now = target
        await settle()
      }),
    skip: (ms) =>
      exclusive('skip', async () => {
        await settle()
        now += Math.max(0, ms)
      }),
    runNext: () =>
      exclusive('runNext', async () => {
        await settle()
        if (!fireDue(Number.POSITIVE_INFINITY)) return false
        await settle()
        return true
      }),
    nextAt: () => queue.nextAt(),
    pending: () => queue.size,
  }
}
