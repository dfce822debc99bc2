import { registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import { connect, startServer } from './testSupport.js'

const cleanup = registerCleanup()
const LONG = 'x'.repeat(2_000)
const backpressure = { limit: 32 * 1024, grace: 300 }

describe('backpressure', () => {
  it('a member that stops reading is skipped, then closed, and the room loses nothing meanwhile', async () => {
    // A fast talker (the rate limit raised for it), so the kernel's buffers fill in seconds.
    const fast = { perSecond: 10_000_000, burst: 10_000_000 }
    const server = await startServer(cleanup, {
      backpressure,
      rateLimit: { frames: fast, bytes: fast },
      lines: fast,
    })
    const url = `${server.url}/chat`
    const talker = await connect(cleanup, url)
    const listener = await connect(cleanup, url)
    const silent = await connect(cleanup, url)
    for (const [client, name] of [
      [talker, 'talker'],
      [listener, 'listener'],
      [silent, 'silent'],
    ] as const) {
      client.sendJson({ type: 'join', room: 'r', name })
      await waitFor(() => client.frames.some((f) => f.data.includes('"welcome"')))
    }
    silent.freeze()
    const start = listener.frames.length
    // Long lines until the silent member's unsent bytes stayed past the limit for the grace.
    let sent = 0
    while (server.metrics().connectionsOverloaded === 0 && sent < 20_000) {
      for (let k = 0; k < 20; k++) talker.sendJson({ type: 'say', ref: `l${++sent}`, text: LONG })
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(server.metrics().sendsSkipped).toBeGreaterThan(0)
    expect(server.metrics().connectionsOverloaded).toBe(1)
    // The one that reads got every line, in order.
    await waitFor(() => listener.frames.length - start >= sent, { timeout: 5_000 })
    const refs = listener.frames
      .slice(start)
      .map((f) => JSON.parse(f.data))
      .filter((m) => m.type === 'message')
    expect(refs).toHaveLength(sent)
    // The others were told the silent one left.
    await waitFor(() => talker.frames.some((f) => f.data.includes('"left"')), { timeout: 3_000 })
  })

  it('a lab client that never reads its echoes is closed, and the echo server keeps serving', async () => {
    const server = await startServer(cleanup, { backpressure })
    const silent = await connect(cleanup, `${server.url}/lab`)
    silent.freeze()
    const writing = setInterval(() => {
      for (let k = 0; k < 4; k++) silent.socket.send('e'.repeat(8 * 1024))
    }, 20)
    cleanup.push(() => clearInterval(writing))
    await waitFor(() => server.metrics().connectionsOverloaded === 1, { timeout: 8_000 })
    clearInterval(writing)
    const other = await connect(cleanup, `${server.url}/lab`)
    other.socket.send('still echoing')
    expect((await other.next()).data).toBe('still echoing')
  })
})
