import type { Rate } from '@lifeline/server'
import { createAddressBuckets } from './addressBuckets.js'

/** Limits per remote address on the TCP connections the server accepts. */
export interface AddressLimitOptions {
  /** Connections one address may hold open at once (upgrades, sockets, HTTP). Default `32`. */
  readonly open?: number
  /**
   * New connections one address may open: a burst, then a sustained rate. Lifeline's backoff
   * waits at least a second between attempts, so a client reconnecting never comes near it; a
   * client that reconnects to start its per-connection allowances afresh does. Default
   * `{ perSecond: 1, burst: 20 }`.
   */
  readonly rate?: Rate
}

/** The defaults of {@link AddressLimitOptions}. */
export const DEFAULT_ADDRESS_LIMITS: Required<AddressLimitOptions> = {
  open: 32,
  rate: { perSecond: 1, burst: 20 },
}

/** Per-address accounting of connections. */
export interface AddressLimits {
  /** Counts a new connection from `address`; `false` (counting nothing) when a limit says no. */
  admit(address: string): boolean
  /** A connection `admit` counted has ended. */
  release(address: string): void
}

/**
 * Connection limits per address, without timers: an address is forgotten once it has nothing open
 * and its rate has refilled.
 *
 * @param now The clock in ms [`Date.now`].
 */
export function createAddressLimits(
  options: AddressLimitOptions = {},
  now: () => number = Date.now,
): AddressLimits {
  const { open, rate } = { ...DEFAULT_ADDRESS_LIMITS, ...options }
  if (!(Number.isInteger(open) && open >= 1)) {
    throw new RangeError(`addressLimits.open must be a whole number ≥ 1, not ${open}`)
  }
  const rates = createAddressBuckets(rate, now)
  // Only addresses with a connection open: an entry goes when its last connection does.
  const held = new Map<string, number>()
  return {
    admit(address) {
      const count = held.get(address) ?? 0
      if (count >= open || !rates.take(address)) return false
      held.set(address, count + 1)
      return true
    },
    release(address) {
      const count = held.get(address) ?? 0
      if (count > 1) held.set(address, count - 1)
      else held.delete(address)
    },
  }
}
