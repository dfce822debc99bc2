import { type ReactNode, useEffect, useState } from 'react'
import { formatSeconds } from './format.js'

/** How often the countdown redraws, in ms. */
const TICK = 100

export interface RetryCountdownProps {
  /** When the next attempt is due (`Date.now()` value), or `null` when none is planned. */
  retryAt: number | null
  /** The clock; stories pass a fixed one. Default `Date.now`. */
  clock?: (() => number) | undefined
}

/** 'retry in 1.4 s' while a retry is planned, ticking every 100 ms; '—' otherwise. */
export function RetryCountdown({ retryAt, clock = Date.now }: RetryCountdownProps): ReactNode {
  const [now, setNow] = useState(clock)
  useEffect(() => {
    if (retryAt === null) return
    setNow(clock())
    const timer = setInterval(() => setNow(clock()), TICK)
    return () => clearInterval(timer)
  }, [retryAt, clock])
  return (
    <span data-testid="countdown">
      {retryAt === null ? '—' : `retry in ${formatSeconds(retryAt - now)}`}
    </span>
  )
}
