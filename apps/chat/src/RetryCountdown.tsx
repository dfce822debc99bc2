import { type ReactNode, useEffect, useState } from 'react'
import { type DescribedState, describeNextRetry } from './describeState.js'

/** How often the countdown redraws, in ms. */
const TICK = 100

export interface RetryCountdownProps {
  /** The connection state: the countdown runs while `retryAt` is set. */
  state: DescribedState
  /** The clock; stories pass a fixed one. Default `Date.now`. */
  clock?: (() => number) | undefined
}

/**
 * The next retry: 'attempt 5 in 1.4 s' while one is planned, ticking every 100 ms; 'paused while
 * offline' when retries wait for the network; '—' otherwise.
 */
export function RetryCountdown({ state, clock = Date.now }: RetryCountdownProps): ReactNode {
  const { retryAt } = state
  const [now, setNow] = useState(clock)
  useEffect(() => {
    if (retryAt === null) return
    setNow(clock())
    const timer = setInterval(() => setNow(clock()), TICK)
    return () => clearInterval(timer)
  }, [retryAt, clock])
  return <span data-testid="countdown">{describeNextRetry(state, now)}</span>
}
