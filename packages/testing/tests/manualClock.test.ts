import { createLifeline } from '@lifeline/core'
import { createFakeNetwork, createFakeWebSocket, createManualClock } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'

describe('createManualClock', () => {
  it('runs due timers in order, each at its own time, and none early', async () => {
    const clock = createManualClock(0)
    const ran: Array<[string, number]> = []
    clock.setTimeout(() => ran.push(['b', clock.now()]), 200)
    clock.setTimeout(() => ran.push(['a', clock.now()]), 100)
    const dropped = clock.setTimeout(() => ran.push(['never', clock.now()]), 150)
    clock.clearTimeout(dropped)
    await clock.advance(199)
    expect(ran).toEqual([['a', 100]])
    expect(clock.now()).toBe(199)
    await clock.advance(1)
    expect(ran).toEqual([
      ['a', 100],
      ['b', 200],
    ])
    expect(clock.pending()).toBe(0)
    expect(clock.nextAt()).toBeNull()
  })

  it('runs a timer armed by a timer within the same advance when it falls due', async () => {
    const clock = createManualClock(0)
    const ran: number[] = []
    clock.setTimeout(() => {
      ran.push(clock.now())
      clock.setTimeout(() => ran.push(clock.now()), 50)
    }, 50)
    await clock.advance(120)
    expect(ran).toEqual([50, 100])
  })

  it('skip moves time without running timers; the overdue ones run at the next advance', async () => {
    const clock = createManualClock(0)
    const ran: number[] = []
    clock.setTimeout(() => ran.push(clock.now()), 100)
    await clock.skip(500)
    expect(ran).toEqual([])
    expect(clock.nextAt()).toBe(100)
    await clock.advance(0)
    expect(ran).toEqual([500])
  })

  it('runNext jumps to the next timer; false when none is armed', async () => {
    const clock = createManualClock(0)
    clock.setTimeout(() => {}, 1_000)
    expect(await clock.runNext()).toBe(true)
    expect(clock.now()).toBe(1_000)
    expect(await clock.runNext()).toBe(false)
  })

  it('refuses a move while another is still running: the test forgot an await', async () => {
    const clock = createManualClock(0)
    const first = clock.advance(10)
    await expect(clock.advance(10)).rejects.toThrow(
      'advance() called while advance() is still running: await each move of the clock',
    )
    await first
    expect(clock.now()).toBe(10)
  })

  it('frames delivered between two advances read the new time (the burst clock is reset)', async () => {
    const clock = createManualClock()
    const fake = createFakeWebSocket()
    const line = createLifeline('ws://test', {
      WebSocket: fake.WebSocket,
      timers: clock,
      environment: createFakeNetwork(),
    })
    fake.last()?.open()
    fake.last()?.receive('a')
    expect(line.store.getState().lastSeenAt).toBe(clock.now())
    // Synchronously after a frame, an awaited advance still lets the next frame read the new time.
    await clock.advance(1_000)
    fake.last()?.receive('b')
    expect(line.store.getState().lastSeenAt).toBe(clock.now())
    await clock.skip(500)
    fake.last()?.receive('c')
    expect(line.store.getState().lastSeenAt).toBe(clock.now())
    line.destroy()
  })

  it('drives the heartbeat: a missed pong is found exactly at interval + timeout', async () => {
    const clock = createManualClock()
    const fake = createFakeWebSocket({ autoFinishClose: true })
    const line = createLifeline('ws://test', {
      WebSocket: fake.WebSocket,
      timers: clock,
      environment: createFakeNetwork(),
      heartbeat: { interval: 1_000, timeout: 500 },
      reconnect: { minDelay: 100, jitter: 0 },
    })
    const socket = fake.last()
    socket?.open()
    await clock.advance(1_000)
    expect(socket?.sent).toEqual(['ping'])
    await clock.advance(499)
    expect(line.store.getState().status).toBe('open')
    await clock.advance(1)
    expect(line.store.getState()).toMatchObject({
      status: 'reconnecting',
      error: { kind: 'heartbeat-timeout' },
    })
    line.destroy()
  })
})
