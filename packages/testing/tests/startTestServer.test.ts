import { waitFor } from '@lifeline/testing'
import { connectClient, startTestServer, type TestServer } from '@lifeline/testing/node'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { delay } from './sleep.js'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))
})

async function start(options?: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const server = await startTestServer(options)
  cleanups.push(() => server.close())
  return server
}

describe('startTestServer', () => {
  it('listens on 127.0.0.1 with an OS-assigned port', async () => {
    const server = await start()
    expect(server.port).toBeGreaterThan(0)
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}`)
  })

  it('echoes messages and answers heartbeat pings without echoing them', async () => {
    const server = await start()
    const client = await connectClient(server.url, ['chat.v1', 'chat.v2'])
    client.socket.send('hello')
    client.socket.send('ping')
    await waitFor(() => client.messages.length >= 2)
    expect(client.messages).toEqual(['hello', 'pong'])
    expect(server.received.map((message) => message.data)).toEqual(['hello'])
    expect(server.pings).toBe(1)
    expect(server.protocols).toEqual(['chat.v1,chat.v2'])
    expect(client.socket.protocol).toBe('chat.v1')
    client.socket.terminate()
  })

  it('stays silent on pings with heartbeat: false and on messages with echo: false', async () => {
    const seen: string[] = []
    const server = await start({
      echo: false,
      heartbeat: false,
      onMessage: (_socket, data) => seen.push(String(data)),
    })
    const client = await connectClient(server.url)
    client.socket.send('ping')
    client.socket.send('hello')
    expect(await server.waitForMessages(1)).toEqual(['hello'])
    await delay(50)
    expect(client.messages).toEqual([])
    expect(server.pings).toBe(1)
    // onMessage sees the app's messages only: a heartbeat ping is not one, answered or not.
    expect(seen).toEqual(['hello'])
    client.socket.terminate()
  })

  it('goAway() drops clients with 1006 and refuses new ones; comeBack() listens on the same port', async () => {
    const server = await start()
    const port = server.port
    const first = await connectClient(server.url)
    await server.waitForConnections(1)
    await server.goAway()
    expect(await first.closed).toBe(1006)
    expect(server.clients()).toEqual([])

    const refused = new WebSocket(server.url)
    const refusal = await new Promise<Error>((resolve) => refused.once('error', resolve))
    expect(refusal.message).toContain('ECONNREFUSED')

    await Promise.all([server.comeBack(), server.comeBack()])
    expect(server.port).toBe(port)
    const second = await connectClient(server.url)
    await server.waitForConnections(2)
    expect(server.clients()).toHaveLength(1)
    second.socket.send('again')
    await waitFor(() => second.messages[0])
    expect(second.messages).toEqual(['again'])
    second.socket.terminate()
  })

  it('closeAll() closes cleanly with the given code', async () => {
    const server = await start()
    const client = await connectClient(server.url)
    server.closeAll(4001, 'bye')
    expect(await client.closed).toBe(4001)
  })

  it('waitForConnections rejects with the count on timeout', async () => {
    const server = await start()
    await expect(server.waitForConnections(1, 50)).rejects.toThrow(
      'waitForConnections(1): only 0 connection(s) accepted',
    )
  })

  it('close() is idempotent and forbids comeBack()', async () => {
    const server = await start()
    const client = await connectClient(server.url)
    await Promise.all([server.close(), server.close()])
    expect(await client.closed).toBe(1006)
    await expect(server.comeBack()).rejects.toThrow('closed')
  })
})
