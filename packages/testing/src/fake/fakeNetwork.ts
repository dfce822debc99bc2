import type { NetworkEnvironment, NetworkSignal } from '@lifeline/core'

/**
 * A network and page visibility that change only when the test says so. Pass it as
 * `LifelineOptions.environment` (it is a `NetworkEnvironment`); `watchNetwork` must stay on.
 */
export interface FakeNetwork extends NetworkEnvironment {
  /**
   * Announces a change to every connection listening, as the browser would: `'offline'` and
   * `'online'` also set what `isOnline()` answers; `'visible'` is the page coming back to the front.
   */
  signal(signal: NetworkSignal): void
  /** Whether any connection listens now (one subscribes at its first connect, until `destroy()`). */
  listening(): boolean
}

/**
 * Creates a fake network, `online` unless told otherwise. Nothing outside the test can flip it,
 * so a test (or a story) sees the same thing on every machine. Browser-safe.
 *
 * @example
 * ```ts
 * const network = createFakeNetwork()
 * const line = createLifeline(url, { environment: network })
 * network.signal('offline') // retries pause; an open link is pinged at once
 * ```
 */
export function createFakeNetwork(online = true): FakeNetwork {
  let isOnline = online
  const listeners = new Set<(signal: NetworkSignal) => void>()
  return {
    isOnline: () => isOnline,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    signal(signal) {
      if (signal !== 'visible') isOnline = signal === 'online'
      for (const listener of [...listeners]) listener(signal)
    },
    listening: () => listeners.size > 0,
  }
}
