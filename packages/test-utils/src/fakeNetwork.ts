/** A change the fake network can announce; the same names as core's `NetworkSignal`. */
export type FakeSignal = 'online' | 'offline' | 'visible'

/** A controllable network and page visibility, shaped like core's `NetworkEnvironment`. */
export interface FakeNetwork {
  /** Pass as `LifelineOptions.environment`. */
  readonly environment: {
    isOnline(): boolean
    subscribe(listener: (signal: FakeSignal) => void): () => void
  }
  /** Whether a connection listens now (it subscribes at its first connect, until destroy). */
  listening(): boolean
  /** Announces a change; 'online' and 'offline' also set what `isOnline()` answers. */
  signal(signal: FakeSignal): void
}

/** Creates a fake network, online unless told otherwise. */
export function createFakeNetwork(online = true): FakeNetwork {
  let isOnline = online
  let listener: ((signal: FakeSignal) => void) | null = null
  return {
    environment: {
      isOnline: () => isOnline,
      subscribe(fn) {
        listener = fn
        return () => {
          listener = null
        }
      },
    },
    listening: () => listener !== null,
    signal(signal) {
      if (signal !== 'visible') isOnline = signal === 'online'
      listener?.(signal)
    },
  }
}
