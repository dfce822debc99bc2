import { inspect } from 'node:util'

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** How long to keep polling before rejecting, in milliseconds. Default 5000. */
  timeout?: number
  /** Pause between two checks, in milliseconds. Default 10. */
  interval?: number
  /**
   * Start of the error message on timeout; a function is called at timeout so it can describe the
   * state at that moment. Default `'waitFor timed out'`.
   */
  message?: string | (() => string)
}

/**
 * Polls `check` until it returns a truthy value and resolves with that value.
 *
 * A `check` that throws counts as "not yet", so `expect` calls work inside it. Timers are read from
 * the globals at call time: under fake timers the clock must be advanced for this to settle.
 *
 * @returns The first truthy value; rejects on timeout with an Error naming the last value or error.
 * @example
 * const socket = await waitFor(() => server.clients()[0], { message: 'no client connected' })
 */
export function waitFor<T>(
  check: () => T | undefined | false | null,
  options: WaitForOptions = {},
): Promise<T> {
  const { timeout = 5000, interval = 10, message = 'waitFor timed out' } = options
  return new Promise<T>((resolve, reject) => {
    let last: { value: unknown } | { error: unknown } = { value: undefined }
    let pollTimer: ReturnType<typeof setTimeout> | undefined
    let deadlineTimer: ReturnType<typeof setTimeout> | undefined

    const attempt = (): boolean => {
      try {
        const value = check()
        last = { value }
        if (value) {
          clearTimeout(pollTimer)
          clearTimeout(deadlineTimer)
          resolve(value)
          return true
        }
      } catch (error) {
        last = { error }
      }
      return false
    }

    if (attempt()) return
    const poll = (): void => {
      if (!attempt()) pollTimer = setTimeout(poll, interval)
    }
    pollTimer = setTimeout(poll, interval)
    deadlineTimer = setTimeout(() => {
      clearTimeout(pollTimer)
      // One last look: the condition may have become true since the previous poll.
      if (attempt()) return
      const head = typeof message === 'function' ? message() : message
      const tail =
        'error' in last
          ? `last error: ${inspect(last.error)}`
          : `last value: ${inspect(last.value, { depth: 2 })}`
      reject(new Error(`${head} (after ${timeout} ms; ${tail})`))
    }, timeout)
  })
}

/** Resolves after `ms` milliseconds of the (possibly fake) global clock. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms)
  })
}
