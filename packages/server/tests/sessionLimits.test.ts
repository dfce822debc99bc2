import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { until } from '../../core/tests/harness.js'
import { attachHeartbeat, attachSessions, type ServerSession } from '../src/index.js'
import { numbered, sessionClient } from './sessionHarness.js'

const cleanup = registerCleanup()

/** Sessions behind `attachHeartbeat`'s limits, as a server under load runs them. */
async function limitedServer(limits: Parameters<typeof attachHeartbeat>[1], buffer = 1_000) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  wss.on('connection', (socket) => socket.on('error', () => {}))
  const heartbeat = attachHeartbeat(wss, { interval: 60_000, ...limits })
  const sessions = attachSessions(wss, { heartbeat, buffer })
  const made: ServerSession[] = []
  const received: string[] = []
  sessions.onSession((s) => {
    made.push(s)
    s.onMessage((text) => received.push(text))
  })
  cleanup.push(async () => {
    sessions.stop()
    heartbeat.stop()
    for (const client of wss.clients) client.terminate()
    await new Promise<void>((resolve) => wss.close(() => resolve()))
  })
  await once(wss, 'listening')
  const { port } = wss.address() as AddressInfo
  return { wss, heartbeat, sessions, made, received, url: `ws://127.0.0.1:${port}` }
}

describe('sessions behind the server limits of attachHeartbeat', () => {
  it('a client over the rate limit is closed with 1013, resumes, and nothing is lost or doubled', async () => {
    const server = await limitedServer({
      rateLimit: { frames: { perSecond: 200, burst: 50 }, strikes: 100 },
    })
    const { line } = sessionClient(server.url, cleanup, {
      reconnect: { minDelay: 100, maxDelay: 300, jitter: 0 },
    })
    await until(line.store, (st) => st.status === 'open')
    const closes: number[] = []
    line.onEvent((event) => event.type === 'close' && closes.push(event.close.code))
    // 300 frames at once: far past a burst of 50.
    for (const text of numbered('flood', 300)) line.send(text)
    await waitFor(() => server.received.length === 300, { timeout: 10_000 })
    expect(server.received).toEqual(numbered('flood', 300))
    expect(closes).toContain(1013)
    expect(server.heartbeat.stats().refused).toBeGreaterThan(0)
  })

  it('a client that stops reading is written nothing more; once it reads, every message arrives in order', async () => {
    const server = await limitedServer(
      { backpressure: { limit: 64 * 1024, grace: 60_000 } },
      20_000,
    )
    const { line, got } = sessionClient(server.url, cleanup)
    await until(line.store, (st) => st.status === 'open')
    const raw = (line.socket() as unknown as { _socket: { pause(): void; resume(): void } })._socket
    raw.pause()
    const [s] = server.made
    // 10 MB: more than the kernel's buffers on loopback hold, so the socket's own queue grows.
    const big = 'x'.repeat(1_000)
    const results = numbered('m', 10_000).map((n) => s?.send(`${n}:${big}`))
    // Past 64 KiB unsent the socket is given nothing more: the rest waits in the session.
    expect(results).toContain('buffered')
    expect(server.heartbeat.stats().skipped).toBeGreaterThan(0)
    raw.resume()
    await waitFor(() => got.length === 10_000, { timeout: 10_000 })
    expect(got.map((m) => m.slice(0, m.indexOf(':')))).toEqual(numbered('m', 10_000))
    expect(line.store.getState().status).toBe('open')
  })
})
