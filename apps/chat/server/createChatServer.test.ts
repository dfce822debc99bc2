import { delay, registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createChatServer } from './createChatServer.js'
import { connect, startServer } from './testSupport.js'

const cleanup = registerCleanup()

describe('createChatServer', () => {
  it('listens on 127.0.0.1 on the port the OS picked', async () => {
    const server = await startServer(cleanup)
    expect(server.port).toBeGreaterThan(0)
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}`)
  })

  it('terminates a peer that stops answering pings, and only it', async () => {
    const server = await startServer(cleanup, { heartbeatInterval: 100 })
    const frozen = await connect(cleanup, `${server.url}/lab`)
    const healthy = await connect(cleanup, `${server.url}/chat`)
    // The client stops reading, so it never sees, let alone answers, the server's pings.
    ;(frozen.socket as unknown as { _socket: { pause(): void } })._socket.pause()
    expect(server.metrics().deadPeersTerminated).toBe(0)
    // Two sweeps at most: one to ping, the next to find no pong.
    await waitFor(() => server.metrics().deadPeersTerminated === 1, { timeout: 1000 })
    expect(server.metrics()).toMatchObject({ connectionsActive: 1, connectionsTotal: 2 })
    const metrics = await (await fetch(`${server.url.replace('ws:', 'http:')}/metrics`)).text()
    expect(metrics).toMatch(/^lifeline_dead_peers_terminated_total 1$/m)
    // The client that answers (ws clients pong by themselves) is still served.
    healthy.sendJson({ type: 'join', room: 'r', name: 'n' })
    expect(await healthy.nextJson()).toMatchObject({ type: 'welcome' })
  })

  it('logs one status line every logInterval', async () => {
    const lines: string[] = []
    const server = await startServer(cleanup, { logInterval: 50, log: (line) => lines.push(line) })
    expect(lines).toEqual([])
    await waitFor(() => lines.length >= 1, { timeout: 1000 })
    expect(lines[0]).toMatch(
      /^\[chat\] active=0 total=0 terminated=0 in=0 out=0 limited=0 skipped=0 load=\d+\.\d\d$/,
    )
    const client = await connect(cleanup, `${server.url}/lab`)
    client.socket.send('x')
    await client.next()
    await waitFor(() => lines.at(-1)?.includes('active=1 total=1 terminated=0 in=1 out=1'), {
      timeout: 1000,
    })
  })

  it('logs nothing with logInterval 0', async () => {
    const lines: string[] = []
    await startServer(cleanup, { logInterval: 0, log: (line) => lines.push(line) })
    await delay(100)
    expect(lines).toEqual([])
  })

  it('closes with 1001 for every client, stops listening, and is idempotent', async () => {
    const server = await createChatServer({ port: 0 })
    cleanup.push(() => server.close())
    const lab = await connect(cleanup, `${server.url}/lab`)
    const chat = await connect(cleanup, `${server.url}/chat`)
    await fetch(`${server.url.replace('ws:', 'http:')}/health`) // leaves a keep-alive connection
    const started = Date.now()
    await Promise.all([server.close(), server.close()])
    expect(Date.now() - started).toBeLessThan(500)
    expect(await lab.closed).toBe(1001)
    expect(await chat.closed).toBe(1001)
    const late = new WebSocket(`${server.url}/lab`)
    cleanup.push(() => late.terminate())
    await expect(
      new Promise((resolve, reject) => {
        late.once('open', resolve)
        late.once('error', reject)
      }),
    ).rejects.toThrow(/ECONNREFUSED/)
  })

  it('cuts off a client that does not answer the close handshake after a 1 s grace', async () => {
    const server = await createChatServer({ port: 0 })
    cleanup.push(() => server.close())
    const frozen = await connect(cleanup, `${server.url}/lab`)
    ;(frozen.socket as unknown as { _socket: { pause(): void } })._socket.pause()
    const started = Date.now()
    await server.close()
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(950)
    expect(elapsed).toBeLessThan(1500)
    expect(server.metrics().connectionsActive).toBe(0)
  })

  it('rejects when the port is taken', async () => {
    const server = await startServer(cleanup)
    await expect(createChatServer({ port: server.port })).rejects.toThrow(/EADDRINUSE/)
  })
})
