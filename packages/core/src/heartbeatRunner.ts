import type { ResolvedHeartbeat } from './defaults.js'
import { heartbeatStep } from './heartbeat.js'
import type { TimerSlots } from './timers.js'
import type { MessageData, SendData, TimerProvider } from './types.js'
import { describeError } from './util.js'

/** What the heartbeat needs from the connection around it. */
export interface HeartbeatDeps {
  /** `null`: heartbeat off; every method is then a cheap no-op. */
  readonly timing: ResolvedHeartbeat | null
  readonly timers: TimerProvider
  readonly slots: TimerSlots<'heartbeat'>
  readonly send: (data: SendData) => void
  readonly onPing: (at: number) => void
  /** A pong arrived; `latency` is `null` when no ping of ours was waiting for it. */
  readonly onPong: (latency: number | null, at: number) => void
  readonly onDead: () => void
  readonly onError: (message: string) => void
}

/** The heartbeat of the open socket: one timer, re-armed only when it fires. */
export interface Heartbeat {
  start(now: number): void
  stop(): void
  /**
   * Takes a frame received at `now` as proof of life; `true` when it was a pong (not to be
   * delivered).
   */
  receive(data: MessageData, now: number): boolean
  /** A check on demand (page visible, network back): a ping unless one is on its way. */
  check(late: number): void
  /** `false` when a ping went unanswered past its deadline: the link is declared dead now. */
  verify(): boolean
}

/** Creates the heartbeat of a connection. */
export function createHeartbeat(deps: HeartbeatDeps): Heartbeat {
  const { timing, timers, slots } = deps
  let running = false
  let lastFrameAt = 0
  let pingAt: number | null = null

  const ping = (now: number): void => {
    if (timing === null) return
    pingAt = now
    try {
      deps.send(typeof timing.message === 'function' ? timing.message() : timing.message)
      deps.onPing(now)
    } catch (error) {
      deps.onError(`heartbeat ping failed: ${describeError(error)}`)
    }
  }

  /** Acts on the timestamps; `probe` pings now (page visible, network back) unless a ping is out. */
  function evaluate(late: number, probe: boolean): void {
    if (!running || timing === null) return
    const now = timers.now()
    const next = heartbeatStep({ lastFrameAt, pingAt }, now, timing, late)
    if (next.action === 'dead') {
      deps.onDead()
      return
    }
    const waiting = pingAt !== null && lastFrameAt < pingAt
    if (next.action === 'ping' || (probe && !waiting)) {
      ping(now)
      slots.arm('heartbeat', now + Math.min(timing.timeout, timing.interval), run)
    } else slots.arm('heartbeat', next.at, run)
  }

  const run = (late: number): void => evaluate(late, false)

  return {
    start(now) {
      if (timing === null) return
      running = true
      lastFrameAt = now
      pingAt = null
      slots.arm('heartbeat', now + timing.interval, run)
    },
    stop() {
      running = false
      pingAt = null
      slots.disarm('heartbeat')
    },
    receive(data, now) {
      if (timing === null) return false
      lastFrameAt = now
      if (!isPong(timing, data)) return false
      const latency = pingAt === null ? null : now - pingAt
      pingAt = null
      deps.onPong(latency, now)
      return true
    },
    check(late) {
      evaluate(late, true)
    },
    verify() {
      if (!running || timing === null || pingAt === null) return true
      const next = heartbeatStep({ lastFrameAt, pingAt }, timers.now(), timing)
      if (next.action !== 'dead') return true
      deps.onDead()
      return false
    },
  }
}

function isPong(timing: ResolvedHeartbeat, data: MessageData): boolean {
  try {
    return timing.isPong(data)
  } catch {
    return false
  }
}
