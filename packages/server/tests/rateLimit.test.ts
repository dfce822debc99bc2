import { createLifeline } from '@lifeline/core'
import { registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { attachHeartbeat, type HeartbeatServerOptions } from '../src/index.js'
import { connectClient, startServer } from './harness.js'

const cleanup = registerCleanup()

/**
 * A server whose application answers `app:<frame>` to what it handles and `refused:<frame>` to
 * what the rate limit refused, so a client sees where each of its frames went.
 */
async function limitedServer(options: HeartbeatServerOptions) {
  const server = await startServer(cleanup)
  const heartbeat = attachHeartbeat(server.wss, { interval: 60_000, ...options })
  cleanup.push(() => heartbeat.stop())
  const handled: string[] = []
  server.wss.on('connection', (socket) => {
    heartbeat.handle(socket, {
      message(data) {
        handled.push(String(data))
        heartbeat.send(socket, `app:${data}`)
      },
      refused: (data) => heartbeat.send(socket, `refused:${data}`),
    })
  })
  return { ...server, heartbeat, handled }
}

const closeCode = (socket: WebSocket): Promise<number> =>
  new Promise((resolve) => socket.once('close', resolve))

describe('rateLimit', () => {
  it('handles a burst, tells the app about refused frames, then closes with 1008 past the strikes', async () => {
    const server = await limitedServer({
      rateLimit: { frames: { perSecond: 1, burst: 5 }, strikes: 3 },
    })
    const client = await connectClient(server.url, cleanup)
    const closed = closeCode(client.socket)
    for (let i = 1; i <= 10; i++) client.socket.send(`f${i}`)
    expect(await closed).toBe(1008)
    expect(client.messages).toEqual([
      'app:f1',
      'app:f2',
      'app:f3',
      'app:f4',
      'app:f5',
      'refused:f6',
      'refused:f7',
      'refused:f8',
    ])
    // f9 was the fourth refusal: the connection closed instead, and f10 was never looked at.
    expect(server.heartbeat.stats()).toMatchObject({ refused: 4, abusive: 1 })
  })

  it('counts heartbeats too: a refused heartbeat gets no pong', async () => {
    const server = await limitedServer({
      rateLimit: { frames: { perSecond: 1, burst: 3 }, strikes: 5 },
    })
    const client = await connectClient(server.url, cleanup)
    for (let i = 0; i < 5; i++) client.socket.send('ping')
    await waitFor(() => client.messages.length === 5, { timeout: 1_000 })
    expect(client.messages).toEqual(['pong', 'pong', 'pong', 'refused:ping', 'refused:ping'])
    expect(server.handled).toEqual([])
  })

  it('counts bytes: a frame past the byte burst is refused while smaller ones pass', async () => {
    const server = await limitedServer({
      rateLimit: { bytes: { perSecond: 1_000, burst: 4_000 } },
    })
    const client = await connectClient(server.url, cleanup)
    const big = 'b'.repeat(1_500)
    for (const frame of [big, big, big, 'small']) client.socket.send(frame)
    await waitFor(() => client.messages.length === 4, { timeout: 1_000 })
    expect(client.messages.map((m) => m.slice(0, 8))).toEqual([
      'app:bbbb',
      'app:bbbb',
      'refused:',
      'app:smal',
    ])
  })

  it('limits each connection alone: a flood on one costs the others nothing', async () => {
    const server = await limitedServer({
      rateLimit: { frames: { perSecond: 10, burst: 10 }, strikes: 0 },
    })
    const flooder = await connectClient(server.url, cleanup)
    const quiet = await connectClient(server.url, cleanup)
    const closed = closeCode(flooder.socket)
    for (let i = 0; i < 1_000; i++) flooder.socket.send(`flood ${i}`)
    expect(await closed).toBe(1008)
    quiet.socket.send('hello')
    await waitFor(() => quiet.messages.includes('app:hello'), { timeout: 1_000 })
    expect(flooder.messages).toHaveLength(10)
  })

  it('lets a Lifeline client that reconnects with a full default queue get all of it through', async () => {
    const server = await limitedServer({ rateLimit: true })
    const line = createLifeline(server.url, {
      WebSocket,
      autoConnect: false,
      heartbeat: { interval: 100, timeout: 1_000 },
      reconnect: false,
    })
    cleanup.push(() => line.destroy())
    // The join first, then the queue filled to Lifeline's default size of 1,000.
    expect(line.send('join')).toBe('queued')
    for (let i = 1; i < 1_000; i++) line.send(`line ${i}`)
    expect(line.store.getState()).toMatchObject({ queued: 1_000, dropped: 0 })
    line.connect()
    await waitFor(() => server.handled.length === 1_000, { timeout: 5_000 })
    expect(server.handled[0]).toBe('join')
    expect(server.handled.at(-1)).toBe('line 999')
    expect(server.heartbeat.stats()).toMatchObject({ refused: 0, abusive: 0 })
    expect(line.store.getState().status).toBe('open')
  })

  it('a Lifeline client closed with 1008 for abuse does not come back', async () => {
    const server = await limitedServer({
      rateLimit: { frames: { perSecond: 1, burst: 2 }, strikes: 0 },
    })
    const line = createLifeline(server.url, { WebSocket, reconnect: { minDelay: 10 } })
    cleanup.push(() => line.destroy())
    await waitFor(() => line.store.getState().status === 'open')
    for (let i = 0; i < 5; i++) line.send(`hasty ${i}`)
    await waitFor(() => line.store.getState().status === 'closed', { timeout: 2_000 })
    expect(line.store.getState().lastClose?.code).toBe(1008)
    expect(server.heartbeat.stats()).toMatchObject({ total: 1, abusive: 1 })
  })
})
