import { createManualTimers } from '@lifeline/test-utils/browser'
import { createFakeNetwork, createFakeWebSocket } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import { createLifeline } from './createLifeline.js'

// The defaults: a ping after 25 s of silence, dead 10 s after it without a frame.
const INTERVAL = 25_000
const TIMEOUT = 10_000
// Chromium's intensive throttling wakes a long-hidden page about once a minute.
const WAKE = 60_000

function setup(heartbeat: true | { interval: number; timeout: number } = true) {
  const fake = createFakeWebSocket()
  const timers = createManualTimers()
  const line = createLifeline('ws://127.0.0.1:1/', {
    WebSocket: fake.WebSocket,
    timers,
    environment: createFakeNetwork(),
    heartbeat,
    reconnect: { minDelay: 1_000, jitter: 0 },
  })
  const socket = fake.last()
  socket?.open()
  const pings = () => socket?.sent.filter((data) => data === 'ping').length ?? 0
  /** The page sleeps until the next wake-up: the clock moves on, then the overdue timers run. */
  const wake = () => {
    timers.skip(WAKE)
    timers.advance(0)
  }
  return { fake, timers, line, socket, pings, wake }
}

describe('the heartbeat in a throttled or stalled page', () => {
  it('a dead link in a tab woken once a minute is declared dead within two wake-ups of its ping', () => {
    const { line, pings, wake } = setup()
    // Wake-up 1: the interval timer, 35 s late, sends the first ping (nothing was outstanding).
    wake()
    expect(pings()).toBe(1)
    // Wake-up 2: the ping's check, 50 s late. It gives the link one fresh ping.
    wake()
    expect(pings()).toBe(2)
    expect(line.store.getState().status).toBe('open')
    // Wake-up 3: the fresh ping is still unanswered at its own late check: dead, no third ping.
    wake()
    expect(pings()).toBe(2)
    expect(line.store.getState()).toMatchObject({
      status: 'reconnecting',
      lastClose: { code: 1006, reason: 'heartbeat timeout' },
      error: { kind: 'heartbeat-timeout' },
    })
  })

  it('a live link in a tab woken once a minute stays open: every pong resets the chance', () => {
    const { line, socket, pings, wake } = setup()
    for (let n = 0; n < 10; n++) {
      wake()
      // The server answers each ping; the page reads the pong at once (network events run).
      socket?.receive('pong')
    }
    expect(pings()).toBeGreaterThanOrEqual(5)
    expect(line.store.getState().status).toBe('open')
  })

  it('a stall with the pong already buffered is not a death: the frame is read before the late timer', () => {
    const { line, socket, timers, pings } = setup()
    timers.advance(INTERVAL)
    expect(pings()).toBe(1)
    // The page is frozen for 8 s right after the ping; the pong waits in the socket's buffer.
    timers.skip(8_000)
    // On wake the browser delivers the buffered frame first, then runs the overdue timer.
    socket?.receive('pong')
    timers.advance(0)
    expect(line.store.getState().status).toBe('open')
    expect(pings()).toBe(1)
  })

  it('a stall of our own is not sampled as latency; the next round trip is', async () => {
    // 1 s / 1 s: a ping's own wait is 1 s, so an 8 s stall is the page's, not the link's.
    const { line, socket, timers } = setup({ interval: 1_000, timeout: 1_000 })
    timers.advance(1_000)
    timers.advance(30)
    socket?.receive('pong')
    expect(line.store.getState().latency).toBe(30)
    // Frames of separate socket reads arrive in separate tasks (they read the clock afresh).
    await Promise.resolve()
    // The next ping goes out, then the page stalls 8 s before it reads the pong.
    timers.advance(1_000)
    timers.skip(8_000)
    socket?.receive('pong')
    expect(line.store.getState()).toMatchObject({ status: 'open', latency: 30 })
    expect(line.store.getState().lastSeenAt).toBe(timers.now())
    timers.advance(0)
    await Promise.resolve()
    // A round trip with no stall around it is measured again.
    timers.advance(1_000)
    timers.advance(12)
    socket?.receive('pong')
    expect(line.store.getState().latency).toBe(12)
  })

  it('after a late check gave a fresh ping, the pong that follows is not taken as its latency', async () => {
    const { line, socket, timers, pings, wake } = setup()
    timers.advance(INTERVAL)
    timers.advance(20)
    socket?.receive('pong')
    expect(line.store.getState().latency).toBe(20)
    await Promise.resolve()
    timers.advance(INTERVAL)
    expect(pings()).toBe(2)
    // The check of ping 2 runs a minute late: a fresh ping 3; then the pong of ping 2 arrives.
    wake()
    expect(pings()).toBe(3)
    timers.advance(2)
    socket?.receive('pong')
    expect(line.store.getState()).toMatchObject({ status: 'open', latency: 20 })
  })

  it('a check that is merely on time (late by less than timeout) declares death at the deadline', () => {
    const { line, timers, pings } = setup()
    timers.advance(INTERVAL)
    expect(pings()).toBe(1)
    // A background tab's timers run about once a second: a little late, never a fresh chance.
    timers.skip(TIMEOUT + 900)
    timers.advance(0)
    expect(line.store.getState().status).toBe('reconnecting')
    expect(pings()).toBe(1)
  })
})
