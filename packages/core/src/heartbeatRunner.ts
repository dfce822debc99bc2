import type { ResolvedHeartbeat } from './defaults.js'
import { heartbeatStep } from './heartbeat.js'
import type { TimerProvider } from './options.js'
import { createTimer } from './timers.js'
import type { MessageData, SendData } from './types.js'
import { describeError } from './util.js'

/** What the heartbeat does to the link around it. */
export interface HeartbeatLink {
  /** Hands a ping to the open socket; throws what the socket throws. */
  send(data: SendData): void
  /** A ping went out at `at`. */
  ping(at: number): void
  /**
   * A pong arrived at `at`. `latency` is `null` when no ping of ours was waiting for it, or when the
   * page itself was stalled between the ping and the pong (the wait would measure the stall).
   */
  pong(latency: number | null, at: number): void
  /** The link is dead. */
  dead(): void
  fail(message: string): void
}

/** The heartbeat of the open socket: two timestamps and one timer, re-armed only when it fires. */
export interface Heartbeat {
  /** The link opened at `now`. */
  start(now: number): void
  stop(): void
  /** Takes a frame received at `now` as proof of life; `true` when it is a pong (not delivered). */
  receive(data: MessageData, now: number): boolean
  /** A check on demand (page visible, network changed): a ping unless one is on its way. */
  probe(): void
  /** `false` when a ping went unanswered past its deadline: the link was declared dead now. */
  alive(): boolean
}

/** Creates the heartbeat of a connection; with `timing` `null` (off) it does nothing. */
export function createHeartbeat(
  timing: ResolvedHeartbeat | null,
  timers: TimerProvider,
  link: HeartbeatLink,
): Heartbeat {
  const timer = createTimer(timers)
  let running = false
  let lastFrameAt = 0
  let pingAt: number | null = null
  // The ping now out replaced one left unanswered (see heartbeatStep).
  let retried = false
  // Its pong measures no round trip: the page itself was stalled around it.
  let stalled = false
  // When the armed check is due: a pong read after that was read late by our own loop.
  let due = 0

  const arm = (at: number): void => {
    due = at
    timer.arm(at, beat)
  }

  function beat(late: number, probe?: boolean): void {
    if (!running || timing === null) return
    const now = timers.now()
    const next = heartbeatStep({ lastFrameAt, pingAt, retried }, now, timing, late, probe)
    if (next.action === 'dead') {
      link.dead()
      return
    }
    if (next.action === 'ping') {
      retried = pingAt !== null && lastFrameAt < pingAt
      // A timer late by more than a ping's own wait means the page was stalled: a pong read now
      // may be the answer to the ping before, and says nothing of this one's round trip.
      stalled = late > Math.min(timing.timeout, timing.interval)
      pingAt = now
      const { message } = timing
      try {
        link.send(typeof message === 'function' ? message() : message)
        link.ping(now)
      } catch (error) {
        link.fail(`heartbeat ping failed: ${describeError(error)}`)
      }
    }
    arm(next.at)
  }

  return {
    start(now) {
      running = timing !== null
      lastFrameAt = now
      pingAt = null
      if (timing !== null) arm(now + timing.interval)
    },
    stop() {
      running = false
      pingAt = null
      timer.disarm()
    },
    receive(data, now) {
      lastFrameAt = now
      let pong = false
      try {
        pong = timing?.isPong(data) === true
      } catch {
        // A throwing `isPong` means "not a pong": the frame is delivered rather than lost.
      }
      if (!pong) return false
      // A check that should have run before this pong was read: our own loop was late, and the
      // wait would count that stall as latency.
      const late = stalled || now > due
      link.pong(pingAt === null || late ? null : now - pingAt, now)
      pingAt = null
      return true
    },
    probe: () => beat(0, true),
    alive() {
      if (!running || timing === null || pingAt === null) return true
      if (heartbeatStep({ lastFrameAt, pingAt }, timers.now(), timing).action !== 'dead')
        return true
      link.dead()
      return false
    },
  }
}
