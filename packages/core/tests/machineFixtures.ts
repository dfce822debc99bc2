// What the machine's unit tests start from: a reconnect policy, a context and states near the initial one.
import { defaultShouldReconnect, type ResolvedReconnect } from '../src/defaults.js'
import type { MachineContext } from '../src/machine.js'
import { initialState } from '../src/state.js'
import type { ConnectionState } from '../src/types.js'

/** Three attempts, 1 s doubling up to 30 s, no jitter. */
export const reconnect: ResolvedReconnect = {
  maxAttempts: 3,
  minDelay: 1_000,
  maxDelay: 30_000,
  factor: 2,
  jitter: 0,
  minUptime: 5_000,
  shouldReconnect: defaultShouldReconnect,
}

/** At 10 s, a fresh series, jitter drawn as 0. */
export const ctx: MachineContext = { now: 10_000, random: () => 0, reconnect, series: 'fresh' }

/** The initial state (online) with `patch` over it. */
export function state(patch: Partial<ConnectionState> = {}): ConnectionState {
  return { ...initialState(true), ...patch }
}
