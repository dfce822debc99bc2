import { createManualTimers } from '@lifeline/test-utils/browser'
import { createFakeNetwork, createFakeWebSocket } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import { createLifeline } from './createLifeline.js'
import type { ReconnectOptions } from './options.js'

function setup(
  options: { online?: boolean; autoConnect?: boolean; reconnect?: ReconnectOptions } = {},
) {
  const fake = createFakeWebSocket()
  const timers = createManualTimers()
  const network = createFakeNetwork(options.online ?? true)
  const line = createLifeline('ws://127.0.0.1:1/', {
    WebSocket: fake.WebSocket,
    timers,
    environment: network,
    random: () => 0,
    heartbeat: { interval: 1_000, timeout: 500 },
    reconnect: options.reconnect ?? { minDelay: 1_000, jitter: 0 },
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

describe('createLifeline: offline while open', () => {
  it('pings at once, so a dead link is found within timeout, not at the next interval', () => {
    const { fake, timers, line, signal } = setup()
    const socket = fake.last()
    socket?.open()
    timers.advance(300)
    expect(socket?.sent).toEqual([])
    signal('offline')
    expect(socket?.sent).toEqual(['ping'])
    expect(line.store.getState()).toMatchObject({ status: 'open', online: false })
    timers.advance(499)
    expect(line.store.getState().status).toBe('open')
    timers.advance(1)
    expect(line.store.getState()).toMatchObject({
      status: 'reconnecting',
      lastClose: { reason: 'heartbeat timeout' },
      retryAt: null,
    })
  })

  it('a link that answers the ping stays open while offline', () => {
    const { fake, timers, line, signal } = setup()
    const socket = fake.last()
    socket?.open()
    signal('offline')
    socket?.receive('pong')
    timers.advance(900)
    expect(line.store.getState().status).toBe('open')
  })
})

describe('createLifeline: a connection whose attempts ran out', () => {
  const giveUp = { maxAttempts: 2, minDelay: 100, jitter: 0 }

  function exhaust() {
    const kit = setup({ reconnect: giveUp })
    kit.fake.last()?.fail()
    kit.timers.advance(100)
    kit.fake.last()?.fail()
    expect(kit.line.store.getState()).toMatchObject({ status: 'closed', attempt: 2 })
    expect(kit.fake.sockets).toHaveLength(2)
    return kit
  }

  it.each(['online', 'visible'] as const)('starts a fresh series on %s', (signal) => {
    const kit = exhaust()
    kit.signal(signal)
    expect(kit.line.store.getState()).toMatchObject({ status: 'connecting', attempt: 1 })
    expect(kit.fake.sockets).toHaveLength(3)
    // A fresh series: attempts allowed again, with the backoff from its start.
    kit.fake.last()?.fail()
    expect(kit.line.store.getState()).toMatchObject({
      status: 'reconnecting',
      retryAt: kit.timers.now() + 100,
    })
  })

  it('waits for the network when the page becomes visible while offline', () => {
    const kit = exhaust()
    kit.signal('offline')
    kit.signal('visible')
    expect(kit.line.store.getState().status).toBe('closed')
    kit.signal('online')
    expect(kit.line.store.getState().status).toBe('connecting')
  })

  it('never after disconnect()', () => {
    const kit = exhaust()
    kit.line.disconnect()
    kit.signal('online')
    kit.signal('visible')
    expect(kit.line.store.getState().status).toBe('closed')
    expect(kit.fake.sockets).toHaveLength(2)
  })

  it('never after shouldReconnect said no', () => {
    const kit = setup({ reconnect: giveUp })
    kit.fake.last()?.open()
    kit.fake.last()?.serverClose(1008)
    expect(kit.line.store.getState().status).toBe('closed')
    kit.signal('online')
    kit.signal('visible')
    expect(kit.line.store.getState().status).toBe('closed')
    expect(kit.fake.sockets).toHaveLength(1)
  })

  it('never with reconnection off', () => {
    const fake = createFakeWebSocket()
    const network = createFakeNetwork()
    const line = createLifeline('ws://127.0.0.1:1/', {
      WebSocket: fake.WebSocket,
      timers: createManualTimers(),
      environment: network,
      reconnect: false,
    })
    fake.last()?.fail()
    network.signal('online')
    expect(line.store.getState().status).toBe('closed')
    expect(fake.sockets).toHaveLength(1)
  })
})

describe('createLifeline: text frames', () => {
  it('plain text is a message, not a parse error; a burst wakes subscribers once', async () => {
    const { fake, line } = setup()
    const socket = fake.last()
    socket?.open()
    let wakes = 0
    line.store.subscribe(() => wakes++)
    const errors: unknown[] = []
    line.onEvent((event) => event.type === 'error' && errors.push(event))
    for (let i = 0; i < 100; i++) socket?.receive(`line ${i}`)
    await Promise.resolve()
    expect(wakes).toBe(1)
    expect(errors).toEqual([])
    expect(line.store.getState()).toMatchObject({
      lastMessage: 'line 99',
      lastJson: undefined,
      error: null,
    })
  })

  it('frames that look like JSON but do not parse: an error, delivered, woken once per burst', async () => {
    const { fake, line } = setup()
    const socket = fake.last()
    socket?.open()
    let wakes = 0
    line.store.subscribe(() => wakes++)
    const delivered: unknown[] = []
    line.onMessage((data, json) => delivered.push([data, json]))
    for (let i = 0; i < 100; i++) socket?.receive(`{broken ${i}`)
    socket?.receive('{"ok":1}')
    await Promise.resolve()
    expect(wakes).toBe(1)
    expect(delivered).toHaveLength(101)
    expect(line.store.getState()).toMatchObject({
      status: 'open',
      lastJson: { ok: 1 },
      error: { kind: 'parse' },
    })
    expect(line.store.getState().error?.message).toMatch(/^a message did not parse: /)
  })
})
