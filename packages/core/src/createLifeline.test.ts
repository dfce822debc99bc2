import {
  createFakeNetwork,
  createFakeWebSocket,
  createManualTimers,
} from '@lifeline/test-utils/browser'
import { describe, expect, it } from 'vitest'
import { createLifeline } from './createLifeline.js'

function setup(options: { online?: boolean; autoConnect?: boolean } = {}) {
  const fake = createFakeWebSocket()
  const timers = createManualTimers()
  const network = createFakeNetwork(options.online ?? true)
  const line = createLifeline('ws://127.0.0.1:1/', {
    WebSocket: fake.WebSocket,
    timers,
    environment: network.environment,
    random: () => 0,
    heartbeat: { interval: 1_000, timeout: 500 },
    reconnect: { minDelay: 1_000, jitter: 0 },
    autoConnect: options.autoConnect ?? true,
  })
  return { fake, timers, network, line, signal: network.signal }
}

describe('createLifeline: network and visibility', () => {
  it('listens to the environment only from the first connect() until destroy()', () => {
    const { network, line } = setup({ autoConnect: false })
    expect(network.listening()).toBe(false)
    line.connect()
    expect(network.listening()).toBe(true)
    line.destroy()
    expect(network.listening()).toBe(false)
  })

  it('offline pauses the planned retry; online retries at once', () => {
    const { fake, timers, line, signal } = setup()
    fake.last()?.open()
    fake.last()?.fail()
    expect(line.store.getState()).toMatchObject({
      status: 'reconnecting',
      retryAt: timers.now() + 1_000,
    })
    signal('offline')
    expect(line.store.getState()).toMatchObject({
      status: 'reconnecting',
      retryAt: null,
      online: false,
    })
    timers.advance(60_000)
    expect(fake.sockets).toHaveLength(1)
    signal('online')
    expect(line.store.getState().status).toBe('connecting')
    expect(fake.sockets).toHaveLength(2)
  })

  it('starting offline: a failed attempt waits for the network, not the backoff', () => {
    const { fake, timers, line, signal } = setup({ online: false })
    expect(line.store.getState().online).toBe(false)
    fake.last()?.fail()
    expect(line.store.getState()).toMatchObject({ status: 'reconnecting', retryAt: null })
    timers.advance(60_000)
    expect(fake.sockets).toHaveLength(1)
    signal('online')
    expect(fake.sockets).toHaveLength(2)
  })

  it('a page that becomes visible pings an open link at once, and retries a waiting one at once', () => {
    const { fake, line, signal } = setup()
    const socket = fake.last()
    socket?.open()
    expect(socket?.sent).toEqual([])
    signal('visible')
    expect(socket?.sent).toEqual(['ping'])
    socket?.fail()
    expect(line.store.getState().status).toBe('reconnecting')
    signal('visible')
    expect(line.store.getState().status).toBe('connecting')
    expect(fake.sockets).toHaveLength(2)
  })

  it('a visible page finds a link whose ping went unanswered past its deadline dead at once', () => {
    const { fake, timers, line, signal } = setup()
    fake.last()?.open()
    timers.advance(1_000)
    expect(fake.last()?.sent).toEqual(['ping'])
    // The deadline timer has not run yet (a throttled background tab): the clock moved on alone.
    timers.skip(600)
    expect(line.store.getState().status).toBe('open')
    signal('visible')
    expect(line.store.getState()).toMatchObject({
      status: 'reconnecting',
      lastClose: { reason: 'heartbeat timeout' },
    })
  })

  it('a send into a link whose ping is overdue abandons the link and queues the message', () => {
    const { fake, timers, line } = setup()
    const first = fake.last()
    first?.open()
    timers.advance(1_000)
    timers.skip(600)
    expect(line.send('hello')).toBe('queued')
    expect(line.store.getState().status).toBe('reconnecting')
    expect(first?.sent).toEqual(['ping'])
    timers.advance(1_000)
    fake.last()?.open()
    expect(fake.last()?.sent).toEqual(['hello'])
  })

  it('a heartbeat timer that fires long after its deadline pings again instead of declaring death', () => {
    const { fake, timers, line } = setup()
    const socket = fake.last()
    socket?.open()
    timers.advance(1_000)
    expect(socket?.sent).toEqual(['ping'])
    // The process slept: the deadline timer runs 10 s late, with the reply unread in a buffer.
    timers.skip(10_000)
    timers.runNext()
    expect(line.store.getState().status).toBe('open')
    expect(socket?.sent).toEqual(['ping', 'ping'])
    socket?.receive('pong')
    timers.advance(499)
    expect(line.store.getState().status).toBe('open')
  })
})
