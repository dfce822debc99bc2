import { registerCleanup } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { type ClientOptions, WebSocket } from 'ws'
import { connect, startServer } from './testSupport.js'

const cleanup = registerCleanup()

/** The HTTP status a refused handshake answered with. */
function refusedWith(url: string, options: ClientOptions = {}): Promise<number> {
  const socket = new WebSocket(url, options)
  cleanup.push(() => socket.terminate())
  return new Promise((resolve, reject) => {
    socket.once('open', () => reject(new Error(`${url} was accepted`)))
    socket.once('unexpected-response', (request, response) => {
      resolve(response.statusCode ?? 0)
      request.destroy()
    })
    socket.once('error', reject)
  })
}

describe('upgrades', () => {
  it('refuses a foreign Origin with 403, before it counts as a connection', async () => {
    const server = await startServer(cleanup)
    expect(await refusedWith(`${server.url}/chat`, { origin: 'http://evil.example' })).toBe(403)
    expect(await refusedWith(`${server.url}/lab`, { origin: 'http://evil.example' })).toBe(403)
    expect(server.metrics().connectionsTotal).toBe(0)
  })

  it('accepts a local Origin', async () => {
    const server = await startServer(cleanup)
    const client = await connect(cleanup, `${server.url}/lab`, { origin: 'http://127.0.0.1:4173' })
    client.socket.send('hi')
    expect((await client.next()).data).toBe('hi')
  })

  it('asks allowedOrigins when given one, and only it', async () => {
    const server = await startServer(cleanup, {
      allowedOrigins: (o) => o === 'https://app.example',
    })
    await connect(cleanup, `${server.url}/chat`, { origin: 'https://app.example' })
    expect(await refusedWith(`${server.url}/chat`, { origin: 'http://localhost:5173' })).toBe(403)
    // Non-browser clients send no Origin and are never asked about.
    await connect(cleanup, `${server.url}/chat`)
    expect(server.metrics().connectionsTotal).toBe(2)
  })

  it('answers an unknown path with 404', async () => {
    const server = await startServer(cleanup)
    expect(await refusedWith(`${server.url}/nope`)).toBe(404)
    expect(await refusedWith(server.url)).toBe(404)
  })

  it('routes by path, ignoring the query string', async () => {
    const server = await startServer(cleanup)
    const client = await connect(cleanup, `${server.url}/chat?token=abc`)
    client.socket.send('ping') // /chat does not know the lab's heartbeat
    expect(await client.nextJson()).toMatchObject({ type: 'error', code: 'bad-json' })
  })
})
