import { registerCleanup } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { connect, startServer } from './testSupport.js'

const cleanup = registerCleanup()

describe('/lab', () => {
  it('echoes text and binary frames as they came', async () => {
    const server = await startServer(cleanup)
    const client = await connect(cleanup, `${server.url}/lab`)
    client.socket.send('hello')
    client.socket.send(Buffer.from([0xde, 0xad]), { binary: true })
    expect(await client.next()).toMatchObject({ data: 'hello', isBinary: false })
    expect(await client.next()).toMatchObject({ bytes: Buffer.from([0xde, 0xad]), isBinary: true })
  })

  it('answers ping with pong and does not echo the ping', async () => {
    const server = await startServer(cleanup)
    const client = await connect(cleanup, `${server.url}/lab`)
    client.socket.send('ping')
    client.socket.send('after')
    // An echoed 'ping' would arrive between the two.
    expect(await client.next()).toMatchObject({ data: 'pong', isBinary: false })
    expect(await client.next()).toMatchObject({ data: 'after', isBinary: false })
    expect(server.metrics()).toMatchObject({ messagesIn: 1, messagesOut: 1 })
  })

  it('does not answer the chat heartbeat: that one is echoed like any text', async () => {
    const server = await startServer(cleanup)
    const client = await connect(cleanup, `${server.url}/lab`)
    client.socket.send('{"type":"heartbeat"}')
    expect((await client.next()).data).toBe('{"type":"heartbeat"}')
  })
})
