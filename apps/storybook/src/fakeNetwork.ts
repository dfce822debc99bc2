import type { NetworkEnvironment, NetworkSignal } from '@lifeline/core'

/** A `NetworkEnvironment` whose signals a story sends by hand. */
export interface FakeNetwork extends NetworkEnvironment {
  /**
   * Tells every subscriber, as the browser would: `'offline'` and `'online'` also change what
   * `isOnline()` reports; `'visible'` is a tab coming back to the front.
   */
  signal(signal: NetworkSignal): void
}

/**
 * Creates a fake network that starts `online` (default `true`). Unlike the browser's, nothing
 * outside the story can flip it, so a story shows the same thing on every machine.
 */
export function createFakeNetwork(online = true): FakeNetwork {
  let isOnline = online
  const listeners = new Set<(signal: NetworkSignal) => void>()
  return {
    isOnline: () => isOnline,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    signal(signal) {
      if (signal === 'offline') isOnline = false
      else if (signal === 'online') isOnline = true
      for (const listener of [...listeners]) listener(signal)
    },
  }
}
