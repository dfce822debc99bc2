import { delay, registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { attachHeartbeat, type HeartbeatServerOptions, type SendResult } from '../src/index.js'
import { connectClient, startServer } from './harness.js'

const cleanup = registerCleanup()
const KIB = 1024
const LIMIT = 64 * KIB
const CHUNK = 'x'.repeat(16 * KIB)

/** A server whose sweep stays out of the way unless asked, and the send results it saw. */
async function pressureServer(options: HeartbeatServerOptions) {
  const server = await startServer(cleanup)
  const heartbeat = attachHeartbeat(server.wss, { interval: 60_000, ...options })
  cleanup.push(() => heartbeat.stop())
  return { ...server, heartbeat }
}

/** Fills a socket's unsent bytes past `limit` with plain `ws` sends (what a careless app does). */
function overfill(socket: WebSocket | undefined, limit: number): void {
  for (let i = 0; i < 4_000 && socket && socket.bufferedAmount <= limit; i++) socket.send(CHUNK)
}

describe('backpressure', () => {
  it('fans out to a reader in full while skipping, and counting, a client that stopped reading', async () => {
    const server = await pressureServer({ backpressure: { limit: LIMIT, grace: 60_000 } })
    const reader = await connectClient(server.url, cleanup)
    const frozen = await connectClient(server.url, cleanup)
    frozen.freeze()
    const [readerSide, frozenSide] = server.sockets
    overfill(frozenSide, LIMIT)
    const results = new Map<WebSocket | undefined, SendResult[]>([
      [readerSide, []],
      [frozenSide, []],
    ])
    for (let i = 0; i < 50; i++) {
      for (const socket of [readerSide, frozenSide]) {
        if (socket) results.get(socket)?.push(server.heartbeat.send(socket, `line ${i}`))
      }
    }
    expect(results.get(readerSide)).toEqual(Array.from({ length: 50 }, () => 'sent'))
    expect(results.get(frozenSide)).toEqual(Array.from({ length: 50 }, () => 'skipped'))
    await waitFor(() => reader.messages.length === 50, { timeout: 2_000 })
    expect(reader.messages.at(-1)).toBe('line 49')
    expect(server.heartbeat.stats()).toMatchObject({ skipped: 50, overloaded: 0, active: 2 })
    // Within its grace it is skipped, not closed.
    expect(frozenSide?.readyState).toBe(WebSocket.OPEN)
  })

  it('closes with 1013 a socket that stayed above the limit past the grace; the client sees 1013', async () => {
    const server = await pressureServer({ backpressure: { limit: LIMIT, grace: 200 } })
    const slow = await connectClient(server.url, cleanup)
    const closed = new Promise<number>((resolve) => slow.socket.once('close', resolve))
    slow.freeze()
    const side = server.sockets[0]
    overfill(side, LIMIT)
    expect(side && server.heartbeat.send(side, 'first')).toBe('skipped')
    await delay(250)
    expect(side && server.heartbeat.send(side, 'after the grace')).toBe('skipped')
    expect(server.heartbeat.stats()).toMatchObject({ overloaded: 1, skipped: 2 })
    // A slow client that reads again in time gets what was queued, then the close frame.
    ;(slow.socket as unknown as { _socket: { resume(): void } })._socket.resume()
    expect(await closed).toBe(1013)
    expect(slow.messages).not.toContain('after the grace')
  })

  it('cuts off a client that never reads the close frame, within 2 s', async () => {
    const server = await pressureServer({ backpressure: { limit: LIMIT, grace: 0 } })
    const frozen = await connectClient(server.url, cleanup)
    frozen.freeze()
    const side = server.sockets[0]
    overfill(side, LIMIT)
    expect(side && server.heartbeat.send(side, 'x')).toBe('skipped')
    const started = Date.now()
    await waitFor(() => side?.readyState === WebSocket.CLOSED, { timeout: 3_000 })
    expect(Date.now() - started).toBeLessThan(2_500)
    expect(server.heartbeat.stats()).toMatchObject({ overloaded: 1, active: 0 })
  })

  it('finds a client that writes but never reads: the replies it earns pile up and it is closed', async () => {
    const server = await pressureServer({ backpressure: { limit: LIMIT, grace: 100 } })
    server.wss.on('connection', (socket) => {
      server.heartbeat.handle(socket, { message: () => server.heartbeat.send(socket, CHUNK) })
    })
    const writer = await connectClient(server.url, cleanup)
    writer.freeze()
    const writing = setInterval(() => writer.socket.send('give me more'), 5)
    cleanup.push(() => clearInterval(writing))
    await waitFor(() => server.heartbeat.stats().overloaded === 1, { timeout: 5_000 })
    expect(server.heartbeat.stats().skipped).toBeGreaterThan(0)
  })

  it('checks at each sweep too, so a socket nothing more is sent to cannot hold its bytes', async () => {
    const server = await pressureServer({ interval: 100, backpressure: { limit: LIMIT, grace: 0 } })
    const frozen = await connectClient(server.url, cleanup)
    frozen.freeze()
    overfill(server.sockets[0], LIMIT)
    // No send() after the fill: only the sweep can see it.
    await waitFor(() => server.heartbeat.stats().overloaded === 1, { timeout: 1_000 })
    expect(server.heartbeat.stats()).toMatchObject({ terminated: 0, skipped: 0 })
  })

  it('is off by default: send only checks that the socket is open', async () => {
    const server = await pressureServer({})
    const frozen = await connectClient(server.url, cleanup)
    frozen.freeze()
    const side = server.sockets[0]
    overfill(side, LIMIT)
    expect(side && server.heartbeat.send(side, 'still sent')).toBe('sent')
    side?.terminate()
    await waitFor(() => side?.readyState === WebSocket.CLOSED)
    expect(side && server.heartbeat.send(side, 'too late')).toBe('closed')
    expect(server.heartbeat.stats()).toMatchObject({ skipped: 0, overloaded: 0 })
  })
})
