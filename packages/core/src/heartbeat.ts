/** What the heartbeat knows: two timestamps, updated without touching any timer. */
export interface HeartbeatClock {
  /** When the last frame of any kind arrived (or the link opened). */
  readonly lastFrameAt: number
  /** When the ping now waiting for proof of life was sent, or `null`. */
  readonly pingAt: number | null
  /**
   * The ping now waiting was already a fresh chance: a late check sent it in place of one left
   * unanswered. Its own late check then gives no other.
   */
  readonly retried?: boolean
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
 * passed while the timer could not run (a throttled background tab, a sleeping laptop) says little
 * about the peer: the ping itself may have left only as the page woke. Such a check gives the link
 * one fresh ping, not endless ones: when that ping is still unanswered at its own late check, the
 * link is dead. (A pong that merely sat unread in a buffer is no reason for a fresh chance: the
 * browser delivers buffered frames before it runs a late timer, so the check already sees it.)
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
    return late > timing.timeout && !clock.retried ? ping : { action: 'dead' }
  }
  const due = lastFrameAt + timing.interval
  return probe || now >= due ? ping : { action: 'wait', at: due }
}
