import { delay, registerCleanup } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { connect, startServer } from './testSupport.js'

const cleanup = registerCleanup()

describe('limits', () => {
  it('closes a connection that sends a frame over maxPayload with 1009, and only that one', async () => {
    const server = await startServer(cleanup, { maxPayload: 1024 })
    const big = await connect(cleanup, `${server.url}/lab`)
    const other = await connect(cleanup, `${server.url}/lab`)
    big.socket.send('x'.repeat(1024))
    expect((await big.next()).data).toHaveLength(1024)
    big.socket.send('x'.repeat(1025))
    expect(await big.closed).toBe(1009)
    other.socket.send('still here')
    expect((await other.next()).data).toBe('still here')
  })

  it('refuses frames past the burst with rate-limited, then lets them through once refilled', async () => {
    // 1 token per 100 ms: the frames sent below in one go arrive well within one refill.
    const server = await startServer(cleanup, { rate: { perSecond: 10, burst: 3 } })
    const client = await connect(cleanup, `${server.url}/chat`)
    client.sendJson({ type: 'join', room: 'r', name: 'n' })
    client.sendJson({ type: 'say', id: '1', text: 'one' })
    client.sendJson({ type: 'say', id: '2', text: 'two' })
    client.sendJson({ type: 'say', id: '3', text: 'three' })
    expect(await client.nextJson()).toMatchObject({ type: 'welcome' })
    expect(await client.nextJson()).toMatchObject({ type: 'message', id: '1' })
    expect(await client.nextJson()).toMatchObject({ type: 'message', id: '2' })
    expect(await client.nextJson()).toMatchObject({ type: 'error', code: 'rate-limited' })
    expect(server.metrics().rateLimited).toBe(1)

    await delay(150)
    client.sendJson({ type: 'say', id: '4', text: 'four' })
    expect(await client.nextJson()).toMatchObject({ type: 'message', id: '4' })
    expect(server.metrics().rateLimited).toBe(1)
  })

  it('does not charge heartbeats to the rate limit', async () => {
    const server = await startServer(cleanup, { rate: { perSecond: 1, burst: 1 } })
    const client = await connect(cleanup, `${server.url}/chat`)
    for (let i = 0; i < 5; i++) client.socket.send('{"type":"heartbeat"}')
    client.sendJson({ type: 'join', room: 'r', name: 'n' })
    for (let i = 0; i < 5; i++) expect((await client.next()).data).toBe('{"type":"heartbeat_ack"}')
    expect(await client.nextJson()).toMatchObject({ type: 'welcome' })
  })
})
