import type { ConnectionState, Lifeline, Status } from '@lifeline/core'
import { describeState } from './describeState.js'
import { DEFAULT_WAIT_TIMEOUT } from './waitFor.js'

/**
 * What the waits watch: a connection (`createLifeline`'s result, or `useWebSocket(...).lifeline`)
 * or its store.
 */
export type StateSource<In = unknown> =
  | Pick<Lifeline<In>, 'store'>
  | Pick<Lifeline<In>['store'], 'getState' | 'subscribe'>

/** Options of {@link waitForState} and {@link waitForStatus}. */
export interface WaitForStateOptions {
  /** How long to wait before rejecting, in ms (of the real clock). Default `5_000`. */
  timeout?: number
  /** What is awaited, in words, for the error on timeout. Default: from the call. */
  message?: string
}

/**
 * Resolves with the connection's state as soon as `check(state)` is true: at once when it already
 * is, else at the store change that makes it so (no polling). A `check` that throws counts as "not
 * yet". Browser-safe.
 *
 * The timeout runs on the real global clock, so it still fires when Lifeline is driven by
 * `createManualClock` (vitest's fake timers would stop it).
 *
 * @returns The first state that passed. On timeout it rejects with an Error that says what was
 * awaited, for how long, the statuses seen meanwhile and the last state (status, attempt, error,
 * last close, queue, session).
 * @example
 * ```ts
 * await waitForState(line, (s) => s.queued === 0 && s.session?.unacked === 0, {
 *   message: 'everything sent was acknowledged',
 * })
 * ```
 */
export function waitForState<In = unknown>(
  source: StateSource<In>,
  check: (state: ConnectionState<In>) => boolean,
  options: WaitForStateOptions = {},
): Promise<ConnectionState<In>> {
  const store = 'store' in source ? source.store : source
  const {
    timeout = DEFAULT_WAIT_TIMEOUT,
    message = 'waitForState: the state never passed the check',
  } = options
  const passes = (state: ConnectionState<In>): boolean => {
    try {
      return check(state)
    } catch {
      return false
    }
  }
  return new Promise((resolve, reject) => {
    const initial = store.getState()
    if (passes(initial)) return resolve(initial)
    const seen: Status[] = [initial.status]
    const unsubscribe = store.subscribe((state) => {
      if (seen.at(-1) !== state.status) seen.push(state.status)
      if (!passes(state)) return
      finish()
      resolve(state)
    })
    const timer = setTimeout(() => {
      finish()
      const last = store.getState()
      reject(
        new Error(
          `${message} (after ${timeout} ms; statuses seen: ${seen.join(' → ')}; last state: ${describeState(last)})`,
        ),
      )
    }, timeout)
    function finish(): void {
      clearTimeout(timer)
      unsubscribe()
    }
  })
}

/**
 * Resolves once the connection's status is `status` (or one of several), with the state at that
 * moment; see {@link waitForState} for how it waits and fails.
 *
 * @example
 * ```ts
 * await waitForStatus(line, 'open')
 * server.dropAll()
 * await waitForStatus(line, 'reconnecting')
 * ```
 */
export function waitForStatus<In = unknown>(
  source: StateSource<In>,
  status: Status | readonly Status[],
  options: WaitForStateOptions = {},
): Promise<ConnectionState<In>> {
  const wanted: readonly Status[] = typeof status === 'string' ? [status] : status
  const named = wanted.map((s) => `'${s}'`).join(' or ')
  return waitForState(source, (state) => wanted.includes(state.status), {
    message: `waitForStatus: status never became ${named}`,
    ...options,
  })
}
