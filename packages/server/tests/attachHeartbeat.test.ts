import { createLifeline, type HeartbeatOptions } from '@lifeline/core'
import { delay, registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { attachHeartbeat, type HeartbeatServerOptions } from '../src/index.js'
import { type Client, connectClient, startServer, stats } from './harness.js'

const cleanup = registerCleanup()

/** The sweep period of the sweep tests, in ms. */
const INTERVAL = 100

/**
 * A server with `attachHeartbeat`, then an application handler that answers `app:<text>` to every
 * frame it does not skip as a heartbeat, so a client sees both what was answered and what got through.
 */
async function appServer(options: HeartbeatServerOptions = {}) {
  const server = await startServer(cleanup)
  const heartbeat = attachHeartbeat(server.wss, options)
  cleanup.push(() => heartbeat.stop())
  server.wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      if (heartbeat.isHeartbeat(data, isBinary)) return
      socket.send(`app:${isBinary ? 'binary:' : ''}${String(data)}`)
    })
  })
  return { ...server, heartbeat }
}

/**
 * Sends `frames`, then `'end'`, and resolves with every text received once `'app:end'` is back: replies
 * come in order, so nothing sent for `frames` can still be on its way.
 */
async function exchange(client: Client, frames: Array<string | Buffer>): Promise<string[]> {
  for (const frame of [...frames, 'end']) client.socket.send(frame)
  await waitFor(() => client.messages.includes('app:end'), { timeout: 1_000 })
  return [...client.messages]
}

/** Resolves once the server side of a connection is closed; rejects after `timeout` ms. */
async function closedWithin(socket: WebSocket | undefined, timeout: number): Promise<void> {
  await waitFor(() => socket?.readyState === WebSocket.CLOSED, {
    timeout,
    message: 'the server side never closed',
  })
}

describe('attachHeartbeat: answering client heartbeats', () => {
  it("answers the text 'ping' with 'pong' by default, and nothing else", async () => {
    const server = await appServer()
    const client = await connectClient(server.url, cleanup)
    expect(await exchange(client, ['ping', 'pingx', 'Ping'])).toEqual([
      'pong',
      'app:pingx',
      'app:Ping',
      'app:end',
    ])
  })

  it('answers a custom ping string with a custom pong string', async () => {
    const server = await appServer({ ping: 'PING?', pong: 'PONG!' })
    const client = await connectClient(server.url, cleanup)
    // 'PING!' has the same length as 'PING?': the length shortcut must not be the whole test.
    expect(await exchange(client, ['ping', 'PING!', 'PING?'])).toEqual([
      'app:ping',
      'app:PING!',
      'PONG!',
      'app:end',
    ])
  })

  it('answers JSON heartbeats through a predicate; frames that are not JSON are not heartbeats', async () => {
    const server = await appServer({
      ping: (text) => JSON.parse(text).type === 'heartbeat',
      pong: '{"type":"heartbeat_ack"}',
    })
    const client = await connectClient(server.url, cleanup)
    const frames = ['hello', 'null', '{"type":"chat"}', '{"type":"heartbeat"}']
    expect(await exchange(client, frames)).toEqual([
      'app:hello',
      'app:null',
      'app:{"type":"chat"}',
      '{"type":"heartbeat_ack"}',
      'app:end',
    ])
    expect(client.socket.readyState).toBe(WebSocket.OPEN)
  })

  it('echoes the heartbeat itself with `pong: (text) => text`', async () => {
    const server = await appServer({ ping: (text) => text.startsWith('hb:'), pong: (text) => text })
    const client = await connectClient(server.url, cleanup)
    expect(await exchange(client, ['hb:1', 'hb:2', 'hbx'])).toEqual([
      'hb:1',
      'hb:2',
      'app:hbx',
      'app:end',
    ])
  })

  it('never takes a binary frame for a heartbeat, even when its bytes spell one', async () => {
    const server = await appServer()
    const client = await connectClient(server.url, cleanup)
    expect(await exchange(client, [Buffer.from('ping'), 'ping'])).toEqual([
      'app:binary:ping',
      'pong',
      'app:end',
    ])
  })

  it('never takes a binary frame for a heartbeat under a predicate that accepts any text', async () => {
    const server = await appServer({ ping: () => true, pong: 'ack' })
    const client = await connectClient(server.url, cleanup)
    client.socket.send(Buffer.from('x'))
    client.socket.send('anything')
    await waitFor(() => client.messages.length >= 2, { timeout: 1_000 })
    expect(client.messages).toEqual(['app:binary:x', 'ack'])
  })

  it('isHeartbeat classifies text and binary frames in every shape ws delivers', () => {
    const { isHeartbeat } = attachHeartbeat(new WebSocketServer({ noServer: true }))
    expect(isHeartbeat('ping')).toBe(true)
    expect(isHeartbeat(Buffer.from('ping'))).toBe(true)
    expect(isHeartbeat(Buffer.from('ping'), false)).toBe(true)
    expect(isHeartbeat(Buffer.from('ping'), true)).toBe(false)
    expect(isHeartbeat('pong')).toBe(false)
    expect(isHeartbeat(Buffer.from('pinG'))).toBe(false)
    expect(isHeartbeat(Buffer.from('ping '))).toBe(false)
    expect(isHeartbeat(null)).toBe(false)
  })

  it('a pong function that throws sends no reply and crashes nothing', async () => {
    const server = await appServer({
      pong: () => {
        throw new Error('bad pong')
      },
    })
    const client = await connectClient(server.url, cleanup)
    expect(await exchange(client, ['ping', 'hello'])).toEqual(['app:hello', 'app:end'])
    expect(client.socket.readyState).toBe(WebSocket.OPEN)
  })
})

describe('attachHeartbeat: the sweep', () => {
  it('keeps a healthy client for 500 ms of sweeps every 100 ms', async () => {
    const server = await startServer(cleanup)
    const heartbeat = attachHeartbeat(server.wss, { interval: INTERVAL })
    cleanup.push(() => heartbeat.stop())
    const client = await connectClient(server.url, cleanup)
    await delay(500)
    // The sweep did run (ws answered each ping by itself), so the survival means something.
    expect(client.pings()).toBeGreaterThanOrEqual(3)
    expect(client.socket.readyState).toBe(WebSocket.OPEN)
    expect(server.sockets[0]?.readyState).toBe(WebSocket.OPEN)
    expect(heartbeat.stats()).toEqual(stats({ active: 1, total: 1, terminated: 0 }))
  })

  it('terminates a client that stopped reading two sweeps after the last ping it answered', async () => {
    const server = await startServer(cleanup)
    const heartbeat = attachHeartbeat(server.wss, { interval: INTERVAL })
    cleanup.push(() => heartbeat.stop())
    const healthy = await connectClient(server.url, cleanup)
    const frozen = await connectClient(server.url, cleanup)
    const [healthySide, frozenSide] = server.sockets
    expect(heartbeat.stats()).toEqual(stats({ active: 2, total: 2, terminated: 0 }))
    await waitFor(() => frozen.pings() >= 2, { timeout: 1_000 })
    expect(heartbeat.stats()).toEqual(stats({ active: 2, total: 2, terminated: 0 }))

    // Freeze right after ws answered sweep k's ping: sweep k+1 pings again, sweep k+2 ends it.
    await new Promise((resolve) => frozen.socket.once('ping', resolve))
    frozen.freeze()
    const frozenAt = Date.now()
    await delay(INTERVAL * 1.5)
    expect(frozenSide?.readyState).toBe(WebSocket.OPEN)
    expect(heartbeat.stats().terminated).toBe(0)

    await closedWithin(frozenSide, 2 * INTERVAL)
    const detection = Date.now() - frozenAt
    expect(detection).toBeGreaterThanOrEqual(2 * INTERVAL - 20)
    expect(detection).toBeLessThan(2 * INTERVAL + 150)
    expect(heartbeat.stats()).toEqual(stats({ active: 1, total: 2, terminated: 1 }))
    expect(healthySide?.readyState).toBe(WebSocket.OPEN)
    expect(healthy.socket.readyState).toBe(WebSocket.OPEN)

    // A client that leaves by itself is no longer active, and was not terminated.
    healthy.socket.close()
    await waitFor(() => heartbeat.stats().active === 0, { timeout: 1_000 })
    expect(heartbeat.stats()).toEqual(stats({ active: 0, total: 2, terminated: 1 }))
  })

  it('takes only a protocol pong for an answer: a client that writes but never reads is swept', async () => {
    const server = await startServer(cleanup)
    const heartbeat = attachHeartbeat(server.wss, { interval: INTERVAL })
    cleanup.push(() => heartbeat.stop())
    const reader = await connectClient(server.url, cleanup)
    const writer = await connectClient(server.url, cleanup)
    const [readerSide, writerSide] = server.sockets
    // The writer stops reading but talks four times a sweep, heartbeats included: frames prove
    // that a client writes, never that it reads what it is sent.
    writer.freeze()
    const talking = setInterval(() => {
      writer.socket.send('chat')
      writer.socket.send('ping')
    }, INTERVAL / 4)
    cleanup.push(() => clearInterval(talking))
    await closedWithin(writerSide, 3 * INTERVAL)
    await delay(2 * INTERVAL)
    expect(readerSide?.readyState).toBe(WebSocket.OPEN)
    expect(reader.socket.readyState).toBe(WebSocket.OPEN)
    expect(heartbeat.stats()).toEqual(stats({ active: 1, total: 2, terminated: 1 }))
  })

  it('sweeps a client that talks but never answers protocol pings', async () => {
    const server = await startServer(cleanup)
    const heartbeat = attachHeartbeat(server.wss, { interval: INTERVAL })
    cleanup.push(() => heartbeat.stop())
    const talker = await connectClient(server.url, cleanup, { autoPong: false })
    const talking = setInterval(() => talker.socket.send('chat'), INTERVAL / 4)
    cleanup.push(() => clearInterval(talking))
    await closedWithin(server.sockets[0], 3 * INTERVAL)
    expect(heartbeat.stats()).toEqual(stats({ active: 0, total: 1, terminated: 1 }))
  })

  it('watches connections accepted before it was attached', async () => {
    const server = await startServer(cleanup)
    const early = await connectClient(server.url, cleanup)
    const heartbeat = attachHeartbeat(server.wss, { interval: INTERVAL })
    cleanup.push(() => heartbeat.stop())
    expect(heartbeat.stats()).toEqual(stats({ active: 1, total: 1, terminated: 0 }))
    early.socket.send('ping')
    await waitFor(() => early.messages.includes('pong'), { timeout: 1_000 })
    early.freeze()
    await closedWithin(server.sockets[0], 2 * INTERVAL + 150)
    expect(heartbeat.stats()).toEqual(stats({ active: 0, total: 1, terminated: 1 }))
  })

  it('works on a server created with clientTracking: false', async () => {
    const server = await startServer(cleanup, { clientTracking: false })
    const heartbeat = attachHeartbeat(server.wss, { interval: INTERVAL })
    cleanup.push(() => heartbeat.stop())
    const client = await connectClient(server.url, cleanup)
    client.socket.send('ping')
    await waitFor(() => client.messages.includes('pong'), { timeout: 1_000 })
    client.freeze()
    await closedWithin(server.sockets[0], 2 * INTERVAL + 150)
    expect(heartbeat.stats()).toEqual(stats({ active: 0, total: 1, terminated: 1 }))
  })

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])(
    'refuses interval %s, which setInterval would turn into a sweep every millisecond',
    (interval) => {
      const wss = new WebSocketServer({ noServer: true })
      expect(() => attachHeartbeat(wss, { interval })).toThrow(RangeError)
      expect(wss.listenerCount('connection')).toBe(0)
    },
  )
})

describe('attachHeartbeat: with a Lifeline client', () => {
  const cases: Array<[string, HeartbeatServerOptions, HeartbeatOptions]> = [
    ['text ping/pong', {}, {}],
    [
      'JSON heartbeats',
      { ping: (text) => JSON.parse(text).type === 'heartbeat', pong: '{"type":"heartbeat_ack"}' },
      { message: '{"type":"heartbeat"}', isPong: (data) => data === '{"type":"heartbeat_ack"}' },
    ],
  ]

  it.each(cases)('%s: the replies set latency and keep the link up', async (_, server, client) => {
    const { wss, url } = await startServer(cleanup)
    const heartbeat = attachHeartbeat(wss, { ...server, interval: INTERVAL })
    cleanup.push(() => heartbeat.stop())
    const line = createLifeline(url, {
      WebSocket,
      heartbeat: { ...client, interval: 50, timeout: 200 },
      reconnect: false,
    })
    cleanup.push(() => line.destroy())
    await waitFor(() => line.store.getState().latency !== null, { timeout: 1_000 })
    // Several client heartbeats and server sweeps later, neither side gave up on the other.
    await delay(400)
    const state = line.store.getState()
    expect(state.status).toBe('open')
    expect(state.error).toBeNull()
    expect(state.lastMessage).toBeNull()
    expect(state.latency).toBeGreaterThanOrEqual(0)
    expect(heartbeat.stats()).toEqual(stats({ active: 1, total: 1, terminated: 0 }))
  })
})

describe('attachHeartbeat: stop()', () => {
  it('stops answering and sweeping, leaves connections open and ignores new ones', async () => {
    const server = await appServer({ interval: INTERVAL })
    const watcher = await connectClient(server.url, cleanup)
    const frozen = await connectClient(server.url, cleanup)
    expect(await exchange(watcher, ['ping'])).toEqual(['pong', 'app:end'])
    await waitFor(() => watcher.pings() >= 1, { timeout: 1_000 })

    server.heartbeat.stop()
    const pingsAtStop = watcher.pings()
    frozen.freeze()
    watcher.messages.length = 0
    // The frame is still recognised (the application keeps skipping it), but no longer answered.
    expect(await exchange(watcher, ['ping'])).toEqual(['app:end'])
    const late = await connectClient(server.url, cleanup)
    late.socket.send('ping')

    await delay(3 * INTERVAL)
    expect(watcher.pings()).toBe(pingsAtStop)
    expect(late.pings()).toBe(0)
    expect(late.messages).toEqual([])
    expect(server.sockets.map((socket) => socket.readyState)).toEqual([
      WebSocket.OPEN,
      WebSocket.OPEN,
      WebSocket.OPEN,
    ])
    // The counts as they were at stop(): two open, none ended by the sweep.
    expect(server.heartbeat.stats()).toEqual(stats({ active: 2, total: 2, terminated: 0 }))
  })

  it('removes every listener it added, and its timer never holds the process open', async () => {
    const server = await startServer(cleanup)
    const client = await connectClient(server.url, cleanup)
    const socket = server.sockets[0]
    const events = ['message', 'pong', 'close', 'error'] as const
    const count = () => [
      server.wss.listenerCount('connection'),
      ...events.map((event) => socket?.listenerCount(event)),
    ]
    const refTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    const before = count()
    const timersBefore = refTimers()
    const heartbeat = attachHeartbeat(server.wss, { interval: INTERVAL })
    // Synchronous: no other timer of the test run can start or end between the two counts.
    expect(refTimers()).toBe(timersBefore)
    expect(count()).not.toEqual(before)
    heartbeat.stop()
    expect(count()).toEqual(before)
    expect(client.socket.readyState).toBe(WebSocket.OPEN)
  })
})
