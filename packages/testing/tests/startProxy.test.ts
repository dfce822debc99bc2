import { waitFor } from '@lifeline/testing'
import { connectClient, startProxy, startTestServer } from '@lifeline/testing/node'
import { afterEach, describe, expect, it } from 'vitest'
import { delay } from './sleep.js'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))
})

async function setup() {
  const server = await startTestServer()
  const proxy = await startProxy({ targetPort: server.port })
  cleanups.push(
    () => proxy.close(),
    () => server.close(),
  )
  return { server, proxy }
}

describe('startProxy', () => {
  it('forwards a WebSocket both ways', async () => {
    const { server, proxy } = await setup()
    expect(proxy.url).toBe(`ws://127.0.0.1:${proxy.port}`)
    const client = await connectClient(proxy.url)
    client.socket.send('through')
    await waitFor(() => client.messages[0])
    expect(client.messages).toEqual(['through'])
    expect(proxy.connections).toBe(1)
    expect(server.connections).toBe(1)
    client.socket.terminate()
  })

  it('freeze() loses traffic without closing anything; thaw() resumes', async () => {
    const { server, proxy } = await setup()
    const client = await connectClient(proxy.url)
    proxy.freeze()
    client.socket.send('ping')
    client.socket.send('lost')
    await delay(200)
    expect(client.messages).toEqual([])
    expect(server.pings).toBe(0)
    expect(server.received).toEqual([])
    expect(client.socket.readyState).toBe(client.socket.OPEN)
    expect(server.clients()).toHaveLength(1)

    proxy.thaw()
    client.socket.send('ping')
    await waitFor(() => client.messages[0])
    expect(client.messages).toEqual(['pong'])
    expect(server.received).toEqual([])
    client.socket.terminate()
  })

  it('does not pass a close through while frozen, and drops that link on thaw', async () => {
    const { server, proxy } = await setup()
    const client = await connectClient(proxy.url)
    await server.waitForConnections(1)
    proxy.freeze()
    client.socket.terminate()
    await delay(100)
    expect(server.clients()).toHaveLength(1)
    proxy.thaw()
    await waitFor(() => server.clients().length === 0)
  })

  it('dropAll() closes both sides abruptly', async () => {
    const { server, proxy } = await setup()
    const client = await connectClient(proxy.url)
    await server.waitForConnections(1)
    proxy.dropAll()
    expect(await client.closed).toBe(1006)
    await waitFor(() => server.clients().length === 0)
  })

  it('setTarget() sends new connections elsewhere', async () => {
    const { proxy } = await setup()
    const other = await startTestServer()
    cleanups.push(() => other.close())
    proxy.setTarget(other.port)
    const client = await connectClient(proxy.url)
    await other.waitForConnections(1)
    client.socket.terminate()
  })
})
