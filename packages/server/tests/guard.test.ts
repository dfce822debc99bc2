import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { describe, expect, it, vi } from 'vitest'
import { type WebSocket, WebSocketServer } from 'ws'
import { attachHeartbeat, type HeartbeatServerOptions } from '../src/index.js'
import { connectClient, startServer } from './harness.js'

const cleanup = registerCleanup()

/** A server whose handler has a bug: the frame 'boom' makes it throw. */
async function buggyServer(options: HeartbeatServerOptions = {}) {
  const server = await startServer(cleanup)
  const errors: Array<{ error: unknown; socket: WebSocket }> = []
  const heartbeat = attachHeartbeat(server.wss, {
    interval: 60_000,
    onError: (error, socket) => errors.push({ error, socket }),
    ...options,
  })
  cleanup.push(() => heartbeat.stop())
  server.wss.on('connection', (socket) => {
    heartbeat.handle(socket, {
      message(data) {
        if (String(data) === 'boom') throw new Error('a bug in the handler')
        heartbeat.send(socket, `app:${data}`)
      },
    })
  })
  return { ...server, heartbeat, errors }
}

const closeCode = (socket: { once(event: 'close', fn: (code: number) => void): unknown }) =>
  new Promise<number>((resolve) => socket.once('close', resolve))

describe('guard', () => {
  it('closes only the connection whose handler threw, with 1011, and reports the error', async () => {
    const server = await buggyServer()
    const victim = await connectClient(server.url, cleanup)
    const bystander = await connectClient(server.url, cleanup)
    const closed = closeCode(victim.socket)
    victim.socket.send('boom')
    victim.socket.send('after the bug')
    expect(await closed).toBe(1011)
    expect(victim.messages).toEqual([])
    expect(server.errors).toHaveLength(1)
    expect(String(server.errors[0]?.error)).toContain('a bug in the handler')
    expect(server.errors[0]?.socket).toBe(server.sockets[0])
    bystander.socket.send('still served')
    await waitFor(() => bystander.messages.includes('app:still served'), { timeout: 1_000 })
    expect(server.heartbeat.stats()).toMatchObject({ failed: 1, active: 1 })
  })

  it('guard() returns what the function returned, or undefined when it threw', async () => {
    const server = await buggyServer()
    await connectClient(server.url, cleanup)
    const socket = server.sockets[0]
    if (!socket) throw new Error('no connection')
    expect(server.heartbeat.guard(socket, () => 42)).toBe(42)
    const closed = closeCode(socket)
    expect(
      server.heartbeat.guard(socket, () => {
        throw new TypeError('in a close handler')
      }),
    ).toBeUndefined()
    expect(await closed).toBe(1011)
    expect(server.errors.map(({ error }) => (error as Error).name)).toEqual(['TypeError'])
  })

  it('survives an onError that throws too', async () => {
    const server = await buggyServer({
      onError: () => {
        throw new Error('the logger is broken as well')
      },
    })
    const victim = await connectClient(server.url, cleanup)
    const closed = closeCode(victim.socket)
    victim.socket.send('boom')
    expect(await closed).toBe(1011)
    const next = await connectClient(server.url, cleanup)
    next.socket.send('hi')
    await waitFor(() => next.messages.includes('app:hi'), { timeout: 1_000 })
  })

  it('logs with console.error when no onError is given', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    cleanup.push(() => logged.mockRestore())
    const server = await startServer(cleanup)
    const heartbeat = attachHeartbeat(server.wss, { interval: 60_000 })
    cleanup.push(() => heartbeat.stop())
    server.wss.on('connection', (socket) =>
      heartbeat.handle(socket, {
        message: () => {
          throw new Error('unlogged?')
        },
      }),
    )
    const client = await connectClient(server.url, cleanup)
    const closed = closeCode(client.socket)
    client.socket.send('x')
    expect(await closed).toBe(1011)
    expect(logged).toHaveBeenCalledTimes(1)
    expect(String(logged.mock.calls[0]?.[1])).toContain('unlogged?')
  })

  it("keeps a peer's protocol error (invalid UTF-8) from ending a server that has no error listener", async () => {
    // A bare server: no 'error' listener of the application on any socket.
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    cleanup.push(() => new Promise((resolve) => wss.close(resolve)))
    await once(wss, 'listening')
    const heartbeat = attachHeartbeat(wss, { interval: 60_000 })
    cleanup.push(() => heartbeat.stop())
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`
    const bad = await connectClient(url, cleanup)
    const closed = closeCode(bad.socket)
    // A text frame whose bytes are not UTF-8: ws closes with 1007 and emits 'error'.
    bad.socket.send(Buffer.from([0xc3, 0x28, 0xff]), { binary: false })
    expect(await closed).toBe(1007)
    const good = await connectClient(url, cleanup)
    good.socket.send('ping')
    await waitFor(() => good.messages.includes('pong'), { timeout: 1_000 })
  })

  it('hands nothing more to the handler once its connection is closing', async () => {
    const server = await buggyServer()
    const client = await connectClient(server.url, cleanup)
    const closed = closeCode(client.socket)
    for (const frame of ['one', 'boom', 'two', 'three']) client.socket.send(frame)
    expect(await closed).toBe(1011)
    expect(client.messages).toEqual(['app:one'])
  })
})
