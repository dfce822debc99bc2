/** What the heartbeat knows: two timestamps, updated without touching any timer. */
export interface HeartbeatClock {
  /** When the last frame of any kind arrived (or the link opened). */
  readonly lastFrameAt: number
  /** When the ping now waiting for proof of life was sent, or `null`. */
  readonly pingAt: number | null
}

/** What the heartbeat should do now. */
export type HeartbeatStep =
  /** Nothing yet; look again at `at`. */
  | { readonly action: 'wait'; readonly at: number }
  /** Send a ping now; look again at `at`. */
  | { readonly action: 'ping'; readonly at: number }
  /** No frame within `timeout` after a ping: the link is dead. */
  | { readonly action: 'dead' }

/** The heartbeat's two numbers, in ms. */
export interface HeartbeatTiming {
  readonly interval: number
  readonly timeout: number
}

/**
 * Decides the heartbeat's next step from timestamps alone, so per-message work never arms or clears
 * a timer: a frame only moves `lastFrameAt`, and the single timer re-reads it when it fires.
 *
 * @param late how far past its due time the timer fired (0 for a check on demand). A deadline that
 * passed while the timer could not run (a throttled background tab, a sleeping laptop) says nothing
 * about the peer: its reply may sit unread in a buffer. Such a check sends a fresh ping instead of
 * declaring the link dead.
 * @param probe a check on demand (page visible, network changed): ping now unless a ping is out.
 */
export function heartbeatStep(
  clock: HeartbeatClock,
  now: number,
  timing: HeartbeatTiming,
  late = 0,
  probe = false,
): HeartbeatStep {
  const { pingAt, lastFrameAt } = clock
  // After a ping, look again at its deadline, or after one interval if that comes first.
  const ping = { action: 'ping', at: now + Math.min(timing.timeout, timing.interval) } as const
  if (pingAt !== null && lastFrameAt < pingAt) {
    const deadline = pingAt + timing.timeout
    // A pong only moves a timestamp, so with timeout > interval the timer also wakes every interval
    // while waiting: the next ping then follows the pong by interval, not the ping by timeout.
    if (now < deadline) return { action: 'wait', at: Math.min(deadline, now + timing.interval) }
    return late > timing.timeout ? ping : { action: 'dead' }
  }
  const due = lastFrameAt + timing.interval
  return probe || now >= due ? ping : { action: 'wait', at: due }
}
