import { describeValue } from './describeValue.js'

/** Default time a wait lasts before it fails, in ms. */
export const DEFAULT_WAIT_TIMEOUT = 5_000

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** How long to keep checking before rejecting, in ms. Default `5_000`. */
  timeout?: number
  /** Pause between two checks, in ms. Default `10`. */
  interval?: number
  /**
   * What was awaited, for the error on timeout; a function is called at the timeout, so it can
   * describe the state at that moment. Default `'waitFor timed out'`.
   */
  message?: string | (() => string)
}

/**
 * Checks `check` every `interval` until it returns a truthy value, and resolves with that value.
 * Browser-safe.
 *
 * A `check` that throws counts as "not yet", so `expect` calls work inside it. The pauses use the
 * global `setTimeout` looked up at each call: under vitest's fake timers nothing moves until the
 * test advances them (one reason to drive Lifeline with `createManualClock` instead).
 *
 * @returns The first truthy value. On timeout it rejects with an Error that says what was awaited,
 * how long, and the last value `check` returned (or the last error it threw).
 * @example
 * ```ts
 * const socket = await waitFor(() => server.clients()[0], { message: 'a client connected' })
 * ```
 */
export function waitFor<T>(
  check: () => T | undefined | false | null | 0 | '',
  options: WaitForOptions = {},
): Promise<T> {
  const { timeout = DEFAULT_WAIT_TIMEOUT, interval = 10, message = 'waitFor timed out' } = options
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
      // One last look: the condition may have become true since the previous check.
      if (attempt()) return
      const head = typeof message === 'function' ? message() : message
      const tail =
        'error' in last
          ? `last error: ${describeValue(last.error)}`
          : `last value: ${describeValue(last.value)}`
      reject(new Error(`${head} (after ${timeout} ms; ${tail})`))
    }, timeout)
  })
}
