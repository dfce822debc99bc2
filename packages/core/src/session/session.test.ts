import { createManualTimers } from '@lifeline/test-utils/browser'
import { createFakeNetwork, createFakeWebSocket } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import { createLifeline } from '../createLifeline.js'
import type { LifelineEvent } from '../types.js'
import { session } from './index.js'
import { ACK_DELAY, ACK_EVERY } from './sequence.js'

const ready = (id: string, resumed: boolean, ack: number) =>
  JSON.stringify({ s: 'ready', id, resumed, ack })
const tick = () => Promise.resolve()

function setup(
  buffer?: number,
  queue?: { maxSize: number; overflow?: 'drop-oldest' | 'drop-newest' | 'error' },
) {
  const fake = createFakeWebSocket()
  const timers = createManualTimers()
  const events: LifelineEvent[] = []
  const line = createLifeline('ws://127.0.0.1:1/', {
    WebSocket: fake.WebSocket,
    timers,
    environment: createFakeNetwork(),
    reconnect: { minDelay: 100, jitter: 0 },
    hello: () => 'join',
    session: session(buffer === undefined ? {} : { buffer }),
    ...(queue ? { queue } : {}),
  })
  line.onEvent((event) => events.push(event))
  const got: unknown[] = []
  line.onMessage((data) => got.push(data))
  /** Opens the current socket and answers the handshake. */
  const open = (id = 'S1', resumed = false, ack = 0) => {
    const socket = fake.last()
    socket?.open()
    socket?.receive(ready(id, resumed, ack))
    return socket
  }
  return { fake, timers, line, events, got, open }
}

describe('session(): the client half', () => {
  it('starts with an empty session state and holds the connection until the handshake answers', async () => {
    const { fake, line, events } = setup()
    await tick()
    expect(line.store.getState().session).toEqual({ id: null, resumed: null, unacked: 0 })
    const socket = fake.last()
    socket?.open()
    expect(socket?.sent).toEqual([JSON.stringify({ s: 'open', v: 1, id: null, ack: 0 })])
    expect(line.store.getState().status).toBe('connecting')
    socket?.receive(ready('S1', false, 0))
    expect(line.store.getState()).toMatchObject({
      status: 'open',
      session: { id: 'S1', resumed: false },
    })
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'session', id: 'S1', resumed: false }),
    )
    // hello goes after the handshake, unnumbered.
    expect(socket?.sent.at(-1)).toBe('0:join')
  })

  it('numbers what it sends, keeps it until acknowledged, and counts it in unacked', async () => {
    const { line, open } = setup()
    const socket = open()
    for (const text of ['a', 'b', 'c']) expect(line.send(text)).toBe('sent')
    expect(socket?.sent.slice(-3)).toEqual(['1:a', '2:b', '3:c'])
    await tick()
    expect(line.store.getState().session?.unacked).toBe(3)
    socket?.receive(JSON.stringify({ s: 'ack', ack: 2 }))
    await tick()
    expect(line.store.getState().session?.unacked).toBe(1)
  })

  it('acknowledges every ACK_EVERY messages, or ACK_DELAY after the first; drops duplicates', async () => {
    const { got, timers, open } = setup()
    const socket = open()
    const acks = () =>
      socket?.sent.filter((f) => String(f).includes('"ack"') && String(f).includes('"s":"ack"')) ??
      []
    socket?.receive('1:m1')
    expect(acks()).toEqual([])
    timers.advance(ACK_DELAY - 1)
    expect(acks()).toEqual([])
    timers.advance(1)
    expect(acks()).toEqual([JSON.stringify({ s: 'ack', ack: 1 })])
    for (let n = 2; n < 2 + ACK_EVERY; n++) socket?.receive(`${n}:m${n}`)
    expect(acks().at(-1)).toBe(JSON.stringify({ s: 'ack', ack: ACK_EVERY + 1 }))
    // A resend of what arrived already is dropped.
    socket?.receive('2:m2')
    expect(got.filter((m) => m === 'm2')).toHaveLength(1)
    expect(got).toHaveLength(ACK_EVERY + 1)
  })

  it('resumes: the handshake says what arrived, what the server lacks goes again, in order, after hello', () => {
    const { fake, line, timers, open } = setup()
    const first = open()
    for (const text of ['a', 'b', 'c', 'd']) line.send(text)
    first?.receive('1:x')
    first?.fail()
    expect(line.send('e')).toBe('queued')
    timers.advance(100)
    const second = fake.last()
    second?.open()
    expect(second?.sent).toEqual([JSON.stringify({ s: 'open', v: 1, id: 'S1', ack: 1 })])
    // The server got a and b before the link died.
    second?.receive(ready('S1', true, 2))
    expect(second?.sent.slice(1)).toEqual(['0:join', '3:c', '4:d', '5:e'])
    expect(line.store.getState()).toMatchObject({
      status: 'open',
      session: { resumed: true },
      queued: 0,
    })
  })

  it('a new session from the server (resumed: false): what was unacknowledged goes to it, renumbered', () => {
    const { fake, line, timers, open } = setup()
    const first = open()
    line.send('a')
    line.send('b')
    first?.receive('1:x')
    first?.fail()
    timers.advance(100)
    const second = fake.last()
    second?.open()
    second?.receive(ready('S2', false, 0))
    expect(second?.sent.slice(1)).toEqual(['0:join', '1:a', '2:b'])
    // Its numbering starts again too.
    second?.receive('1:fresh')
    expect(line.store.getState()).toMatchObject({
      lastMessage: 'fresh',
      session: { id: 'S2', resumed: false },
    })
  })

  it('buffer bounds what is kept unacknowledged, queued messages included; past it the overflow policy', async () => {
    const { line, open } = setup(3, { maxSize: 10, overflow: 'drop-newest' })
    const socket = open()
    expect([line.send('1'), line.send('2'), line.send('3')]).toEqual(['sent', 'sent', 'sent'])
    // The server stopped acknowledging: the rest waits in the queue, which has no room left.
    expect(line.send('4')).toBe('dropped')
    expect(line.store.getState()).toMatchObject({
      queued: 0,
      dropped: 1,
      error: { kind: 'queue-overflow' },
    })
    socket?.receive(JSON.stringify({ s: 'ack', ack: 3 }))
    expect(line.send('5')).toBe('sent')
    expect(socket?.sent.at(-1)).toBe('4:5')
  })

  it('a message out of order closes the socket to resume; a broken frame is a session error', () => {
    const { line, open } = setup()
    const socket = open()
    socket?.receive('5:skipped ahead')
    expect(line.store.getState().error).toMatchObject({ kind: 'session' })
    expect(line.store.getState().error?.message).toContain('message 5 after 0')
    expect(socket?.closeCalls.at(-1)).toMatchObject({ code: 4002 })
  })

  it('disconnect() ends the session at the server, and forgets it', async () => {
    const { line, open } = setup()
    const socket = open()
    line.send('a')
    line.disconnect()
    expect(socket?.sent.at(-1)).toBe(JSON.stringify({ s: 'end' }))
    await tick()
    expect(line.store.getState().session).toEqual({ id: null, resumed: null, unacked: 0 })
  })

  it('refuses binary data with a session error; one session() gives each connection its own', () => {
    const { line, open } = setup()
    open()
    expect(line.send(new Uint8Array([1]))).toBe('dropped')
    expect(line.store.getState().error?.message).toContain('text only')
    const shared = session()
    const fake = createFakeWebSocket()
    const options = { WebSocket: fake.WebSocket, autoConnect: false, session: shared }
    createLifeline('ws://127.0.0.1:1/', options)
    const second = createLifeline('ws://127.0.0.1:1/', options)
    expect(second.store.getState().error).toBeNull()
    const a = createLifeline('ws://127.0.0.1:1/', { ...options, autoConnect: true })
    const b = createLifeline('ws://127.0.0.1:1/', { ...options, autoConnect: true })
    const [socketA, socketB] = fake.sockets.slice(-2)
    socketA?.open()
    socketA?.receive(ready('A', false, 0))
    socketB?.open()
    socketB?.receive(ready('B', false, 0))
    a.send('to A')
    // Each numbers from 1: two sessions, not one shared.
    expect(socketA?.sent.at(-1)).toBe('1:to A')
    b.send('to B')
    expect(socketB?.sent.at(-1)).toBe('1:to B')
    expect(b.store.getState().session?.id).toBe('B')
  })
})
