import type { TimerProvider } from './options.js'

/**
 * The global clock and timers, looked up at each call rather than captured at import, so fake timers
 * installed after this module loaded (and runtimes that replace them) are honoured.
 */
export const globalTimers: TimerProvider = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
}

/** One timer that arming replaces: a connection's timers are never more than one per purpose. */
export interface Timer {
  /** Runs `callback` at `at` (a `now()` value); `late` is how long after `at` it really ran. */
  arm(at: number, callback: (late: number) => void): void
  disarm(): void
  /** Whether it is armed (a destroyed connection must have none). */
  armed(): boolean
}

/** Creates a timer over a provider. */
export function createTimer(timers: TimerProvider): Timer {
  let handle: unknown = null
  const disarm = (): void => {
    if (handle !== null) timers.clearTimeout(handle)
    handle = null
  }
  return {
    arm(at, callback) {
      disarm()
      handle = timers.setTimeout(
        () => {
          handle = null
          callback(Math.max(0, timers.now() - at))
        },
        Math.max(0, at - timers.now()),
      )
    },
    disarm,
    armed: () => handle !== null,
  }
}
