import type { TimerProvider } from './types.js'

/**
 * The global clock and timers, looked up at each call rather than captured at import, so fake timers
 * installed after this module loaded (and runtimes that replace them) are honoured.
 */
export const globalTimers: TimerProvider = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
}

/** Named timer slots of one connection: arming a slot replaces its previous timer. */
export interface TimerSlots<Name extends string> {
  /** Runs `callback` at `at` (a `now()` value); `late` is how long after `at` it really ran. */
  arm(name: Name, at: number, callback: (late: number) => void): void
  disarm(name: Name): void
  disarmAll(): void
  /** How many timers are armed (a destroyed connection must have none). */
  count(): number
}

/** Creates timer slots over a provider. */
export function createTimerSlots<Name extends string>(timers: TimerProvider): TimerSlots<Name> {
  const armed = new Map<Name, unknown>()
  const disarm = (name: Name): void => {
    if (!armed.has(name)) return
    timers.clearTimeout(armed.get(name))
    armed.delete(name)
  }
  return {
    arm(name, at, callback) {
      disarm(name)
      const handle = timers.setTimeout(
        () => {
          armed.delete(name)
          callback(Math.max(0, timers.now() - at))
        },
        Math.max(0, at - timers.now()),
      )
      armed.set(name, handle)
    },
    disarm,
    disarmAll() {
      for (const name of [...armed.keys()]) disarm(name)
    },
    count: () => armed.size,
  }
}
