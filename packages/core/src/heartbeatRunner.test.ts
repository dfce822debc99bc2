import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ResolvedHeartbeat } from './defaults.js'
import { createHeartbeat } from './heartbeatRunner.js'
import type { TimerProvider } from './options.js'
import type { MessageData, SendData } from './types.js'

const INTERVAL = 100
const TIMEOUT = 50
const START = 10_000

function setup(timing: Partial<ResolvedHeartbeat> | null = {}) {
  const timers = {
    setTimeout: vi.fn((cb: () => void, ms: number): unknown => setTimeout(cb, ms)),
    clearTimeout: vi.fn((handle: unknown): void =>
      clearTimeout(handle as ReturnType<typeof setTimeout>),
    ),
    now: () => Date.now(),
  } satisfies TimerProvider
  const resolved: ResolvedHeartbeat | null =
    timing === null
      ? null
      : {
          interval: INTERVAL,
          timeout: TIMEOUT,
          message: 'ping',
          isPong: (data: MessageData) => data === 'pong',
          ...timing,
        }
  const link = {
    send: vi.fn((_data: SendData): void => {}),
    onPing: vi.fn((_at: number): void => {}),
    onPong: vi.fn((_latency: number | null, _at: number): void => {}),
    onDead: vi.fn((): void => {}),
    onError: vi.fn((_message: string): void => {}),
  }
  const heartbeat = createHeartbeat(resolved, timers, {
    send: link.send,
    ping: link.onPing,
    pong: link.onPong,
    dead: link.onDead,
    fail: link.onError,
  })
  // Timers armed now, the heartbeat's only one among them.
  const slots = { count: () => vi.getTimerCount() }
  return { ...link, timers, slots, heartbeat }
}

/** Runs the fake clock forward to the timestamp `at`, firing the timers due on the way. */
function advanceTo(at: number): void {
  vi.advanceTimersByTime(at - Date.now())
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(START)
})

afterEach(() => {
  vi.useRealTimers()
})

describe('createHeartbeat', () => {
  it('sends no ping before interval, and one at interval', () => {
    const { heartbeat, send, onPing } = setup()
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(INTERVAL - 1)
    expect(send).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(send).toHaveBeenCalledTimes(1)
    expect(send).toHaveBeenCalledWith('ping')
    expect(onPing).toHaveBeenCalledWith(START + INTERVAL)
  })

  it('declares the link dead exactly at interval + timeout without a frame, not 1 ms before', () => {
    const { heartbeat, onDead, slots } = setup()
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(INTERVAL + TIMEOUT - 1)
    expect(onDead).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onDead).toHaveBeenCalledTimes(1)
    expect(Date.now()).toBe(START + INTERVAL + TIMEOUT)
    expect(slots.count()).toBe(0)
    vi.advanceTimersByTime(10 * INTERVAL)
    expect(onDead).toHaveBeenCalledTimes(1)
  })

  it('stays alive when a frame arrives 1 ms before the deadline', () => {
    const { heartbeat, onDead, send } = setup()
    heartbeat.start(Date.now())
    const frameAt = START + INTERVAL + TIMEOUT - 1
    advanceTo(frameAt)
    expect(heartbeat.receive('hello', Date.now())).toBe(false)
    advanceTo(START + INTERVAL + TIMEOUT)
    expect(onDead).not.toHaveBeenCalled()
    // The next ping follows a full interval of silence after that frame, then its own deadline.
    advanceTo(frameAt + INTERVAL - 1)
    expect(send).toHaveBeenCalledTimes(1)
    advanceTo(frameAt + INTERVAL)
    expect(send).toHaveBeenCalledTimes(2)
    advanceTo(frameAt + INTERVAL + TIMEOUT - 1)
    expect(onDead).not.toHaveBeenCalled()
    advanceTo(frameAt + INTERVAL + TIMEOUT)
    expect(onDead).toHaveBeenCalledTimes(1)
  })

  it('delays the first ping while frames keep arriving', () => {
    const { heartbeat, send } = setup()
    heartbeat.start(Date.now())
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(INTERVAL - 1)
      heartbeat.receive('data', Date.now())
    }
    expect(send).not.toHaveBeenCalled()
    vi.advanceTimersByTime(INTERVAL)
    expect(send).toHaveBeenCalledTimes(1)
  })

  it('takes a pong: receive returns true and reports the latency', () => {
    const { heartbeat, onPong, onDead } = setup()
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(INTERVAL + 30)
    expect(heartbeat.receive('pong', Date.now())).toBe(true)
    expect(onPong).toHaveBeenCalledTimes(1)
    expect(onPong).toHaveBeenCalledWith(30, START + INTERVAL + 30)
    vi.advanceTimersByTime(TIMEOUT)
    expect(onDead).not.toHaveBeenCalled()
  })

  it('reports a pong with no ping waiting with latency null', () => {
    const { heartbeat, onPong } = setup()
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(10)
    expect(heartbeat.receive('pong', Date.now())).toBe(true)
    expect(onPong).toHaveBeenCalledWith(null, START + 10)
  })

  it('reports a second pong for the same ping with latency null', () => {
    const { heartbeat, onPong } = setup()
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(INTERVAL + 20)
    heartbeat.receive('pong', Date.now())
    vi.advanceTimersByTime(5)
    expect(heartbeat.receive('pong', Date.now())).toBe(true)
    expect(onPong.mock.calls).toEqual([
      [20, START + INTERVAL + 20],
      [null, START + INTERVAL + 25],
    ])
  })

  it('returns false for a frame that is not a pong', () => {
    const { heartbeat, onPong } = setup()
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(INTERVAL)
    expect(heartbeat.receive('ping', Date.now())).toBe(false)
    expect(heartbeat.receive(new Uint8Array([1]), Date.now())).toBe(false)
    expect(onPong).not.toHaveBeenCalled()
  })

  it('never arms or clears a timer in receive', () => {
    const { heartbeat, timers } = setup()
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(INTERVAL)
    const armed = timers.setTimeout.mock.calls.length
    const cleared = timers.clearTimeout.mock.calls.length
    expect(armed).toBeGreaterThan(0)
    for (let i = 0; i < 1_000; i++) heartbeat.receive(i % 2 === 0 ? 'message' : 'pong', Date.now())
    expect(timers.setTimeout).toHaveBeenCalledTimes(armed)
    expect(timers.clearTimeout).toHaveBeenCalledTimes(cleared)
  })

  it('probe() pings at once when no ping is outstanding, and the deadline follows', () => {
    const { heartbeat, send, onDead } = setup()
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(10)
    heartbeat.probe()
    expect(send).toHaveBeenCalledTimes(1)
    expect(send).toHaveBeenCalledWith('ping')
    vi.advanceTimersByTime(TIMEOUT - 1)
    expect(onDead).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onDead).toHaveBeenCalledTimes(1)
  })

  it('probe() does not send a second ping while one is on its way', () => {
    const { heartbeat, send, onDead } = setup()
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(INTERVAL + 10)
    expect(send).toHaveBeenCalledTimes(1)
    heartbeat.probe()
    expect(send).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(TIMEOUT - 10 - 1)
    expect(onDead).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onDead).toHaveBeenCalledTimes(1)
  })

  it('check does nothing before start', () => {
    const { heartbeat, send, slots } = setup()
    heartbeat.probe()
    expect(send).not.toHaveBeenCalled()
    expect(slots.count()).toBe(0)
  })

  it('alive() returns false and calls onDead when a ping is overdue', () => {
    const { heartbeat, onDead } = setup()
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(INTERVAL)
    // The clock jumps past the deadline while the timer has not run (a sleeping machine).
    vi.setSystemTime(START + INTERVAL + TIMEOUT)
    expect(heartbeat.alive()).toBe(false)
    expect(onDead).toHaveBeenCalledTimes(1)
  })

  it('alive() returns true while the ping is within its timeout', () => {
    const { heartbeat, onDead } = setup()
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(INTERVAL)
    vi.setSystemTime(START + INTERVAL + TIMEOUT - 1)
    expect(heartbeat.alive()).toBe(true)
    expect(onDead).not.toHaveBeenCalled()
  })

  it('alive() returns true when no ping is outstanding', () => {
    const { heartbeat, onDead } = setup()
    heartbeat.start(Date.now())
    vi.setSystemTime(START + 10 * INTERVAL)
    expect(heartbeat.alive()).toBe(true)
    expect(onDead).not.toHaveBeenCalled()
  })

  it('calls a message function once per ping', () => {
    let n = 0
    const message = vi.fn(() => `ping-${++n}`)
    const { heartbeat, send } = setup({ message })
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(INTERVAL)
    expect(message).toHaveBeenCalledTimes(1)
    heartbeat.receive('pong', Date.now())
    vi.advanceTimersByTime(INTERVAL)
    expect(message).toHaveBeenCalledTimes(2)
    expect(send.mock.calls).toEqual([['ping-1'], ['ping-2']])
  })

  it('treats a throwing isPong as not a pong, and the frame still as proof of life', () => {
    const isPong = vi.fn((): boolean => {
      throw new Error('bad predicate')
    })
    const { heartbeat, onPong, onDead } = setup({ isPong })
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(INTERVAL)
    expect(() => heartbeat.receive('pong', Date.now())).not.toThrow()
    expect(heartbeat.receive('pong', Date.now())).toBe(false)
    expect(isPong).toHaveBeenCalled()
    expect(onPong).not.toHaveBeenCalled()
    vi.advanceTimersByTime(TIMEOUT)
    expect(onDead).not.toHaveBeenCalled()
  })

  it('reports a ping that fails to send through onError', () => {
    const { heartbeat, send, onError, onPing } = setup()
    send.mockImplementation(() => {
      throw new Error('socket gone')
    })
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(INTERVAL)
    expect(onError).toHaveBeenCalledWith('heartbeat ping failed: socket gone')
    expect(onPing).not.toHaveBeenCalled()
  })

  it('stop() disarms its timer and sends nothing more', () => {
    const { heartbeat, slots, send, onDead } = setup()
    heartbeat.start(Date.now())
    expect(slots.count()).toBe(1)
    heartbeat.stop()
    expect(slots.count()).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(10 * INTERVAL)
    expect(send).not.toHaveBeenCalled()
    expect(onDead).not.toHaveBeenCalled()
  })

  it('stop() after a ping leaves no timer and forgets the ping', () => {
    const { heartbeat, slots, onDead } = setup()
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(INTERVAL)
    expect(slots.count()).toBe(1)
    heartbeat.stop()
    expect(slots.count()).toBe(0)
    vi.setSystemTime(START + 10 * INTERVAL)
    expect(heartbeat.alive()).toBe(true)
    expect(onDead).not.toHaveBeenCalled()
  })

  it('stop() forgets a ping on its way: a later pong has latency null', () => {
    const { heartbeat, onPong } = setup()
    heartbeat.start(Date.now())
    vi.advanceTimersByTime(INTERVAL)
    heartbeat.stop()
    vi.advanceTimersByTime(10)
    expect(heartbeat.receive('pong', Date.now())).toBe(true)
    expect(onPong).toHaveBeenCalledWith(null, START + INTERVAL + 10)
  })

  it('does nothing at all with timing null', () => {
    const { heartbeat, slots, timers, send, onPong, onDead } = setup(null)
    heartbeat.start(Date.now())
    expect(heartbeat.receive('pong', Date.now())).toBe(false)
    heartbeat.probe()
    vi.advanceTimersByTime(10 * INTERVAL)
    expect(heartbeat.alive()).toBe(true)
    heartbeat.stop()
    expect(slots.count()).toBe(0)
    expect(timers.setTimeout).not.toHaveBeenCalled()
    expect(send).not.toHaveBeenCalled()
    expect(onPong).not.toHaveBeenCalled()
    expect(onDead).not.toHaveBeenCalled()
  })
})
