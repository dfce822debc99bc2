import { waitFor } from '../waiting/waitFor.js'

/** A text message a test server received, with `Date.now()` at reception in `at`. */
export interface ReceivedMessage {
  /** The app's message: for a session, its payload (the numbering taken off). */
  readonly data: string
  readonly at: number
}

/** What every test server counts, and the waits on those counts. */
export interface Observations {
  /** Connections accepted so far (refused ones included). */
  readonly connections: number
  /** Text messages of the apps received so far, in order; heartbeat pings and session control frames excluded. The live array: a test may clear it. */
  readonly received: ReceivedMessage[]
  /** Heartbeat pings received so far. */
  readonly pings: number
  /** The sub-protocols each connection asked for, as the header carries them (`''` when none). */
  readonly protocols: string[]
  /** Resolves once `connections >= n`; rejects after `timeout` ms (default `5_000`) with the count. */
  waitForConnections(n: number, timeout?: number): Promise<void>
  /**
   * Resolves with the text of every message received so far (maybe more than `n`) once there are
   * `n`; rejects after `timeout` ms (default `5_000`) with what did arrive.
   */
  waitForMessages(n: number, timeout?: number): Promise<string[]>
}

/** The counters behind {@link Observations}, with the calls that move them. */
export interface Recorder {
  readonly observations: Observations
  connected(protocols: string): void
  pinged(): void
  received(data: string): void
  /** Back to zero; `received` is emptied in place. */
  reset(): void
}

/** Creates a recorder with everything at zero. */
export function createRecorder(): Recorder {
  const received: ReceivedMessage[] = []
  const protocols: string[] = []
  let connections = 0
  let pings = 0
  const observations: Observations = {
    get connections() {
      return connections
    },
    received,
    get pings() {
      return pings
    },
    protocols,
    waitForConnections: async (n, timeout) => {
      await waitFor(() => connections >= n, {
        ...(timeout === undefined ? {} : { timeout }),
        message: () => `waitForConnections(${n}): only ${connections} connection(s) accepted`,
      })
    },
    waitForMessages: async (n, timeout) => {
      await waitFor(() => received.length >= n, {
        ...(timeout === undefined ? {} : { timeout }),
        message: () =>
          `waitForMessages(${n}): only ${received.length} message(s) received: ${JSON.stringify(received.map((m) => m.data))}`,
      })
      return received.map((message) => message.data)
    },
  }
  return {
    observations,
    connected(header) {
      connections += 1
      protocols.push(header)
    },
    pinged() {
      pings += 1
    },
    received(data) {
      received.push({ data, at: Date.now() })
    },
    reset() {
      connections = 0
      pings = 0
      received.length = 0
      protocols.length = 0
    },
  }
}

/**
 * `controls` with the recorder's observations on it, their getters kept (a spread would copy the
 * counts once and freeze them).
 */
export function withObservations<T extends object>(
  recorder: Recorder,
  controls: T,
): T & Observations {
  return Object.defineProperties(
    controls,
    Object.getOwnPropertyDescriptors(recorder.observations),
  ) as T & Observations
}
