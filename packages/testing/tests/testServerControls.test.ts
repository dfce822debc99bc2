import { createLifeline, type LifelineOptions } from '@lifeline/core'
import { session } from '@lifeline/core/session'
import { waitFor, waitForState, waitForStatus } from '@lifeline/testing'
import {
  connectClient,
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '@lifeline/testing/node'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { delay } from './sleep.js'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function start(options?: TestServerOptions): Promise<TestServer> {
  const server = await startTestServer(options)
  cleanups.push(() => server.close())
  return server
}

function client(url: string, options: LifelineOptions = {}) {
  const line = createLifeline(url, {
    WebSocket,
    reconnect: { minDelay: 30, maxDelay: 100, jitter: 0 },
    connectTimeout: 1_000,
    ...options,
  })
  cleanups.push(() => line.destroy())
  const got: string[] = []
  line.onMessage((data) => got.push(String(data)))
  return { line, got }
}

describe('the test server with a session client', () => {
  it('speaks the session: payloads recorded and echoed once, in order; send is numbered', async () => {
    const server = await start()
    const { line, got } = client(server.url, { session: session() })
    const open = await waitForStatus(line, 'open')
    expect(open.session?.resumed).toBe(false)
    line.send('one')
    line.send('two')
    expect(await server.waitForMessages(2)).toEqual(['one', 'two'])
    server.send('news')
    await waitFor(() => got.length === 3)
    expect(got).toEqual(['one', 'two', 'news'])
  })

  it('a session away from a dropped link gets what was sent meanwhile when it resumes', async () => {
    const server = await start({ echo: false })
    const { line, got } = client(server.url, { session: session() })
    await waitForStatus(line, 'open')
    server.dropAll()
    server.send('while away')
    const back = await waitForState(line, (s) => s.status === 'open' && s.session?.resumed === true)
    expect(back.lastClose).toMatchObject({ code: 1006, wasClean: false })
    await waitFor(() => got.length === 1)
    expect(got).toEqual(['while away'])
  })

  it('goAway({ forgetSessions }) is a restart without a shared store: resumed false', async () => {
    const server = await start()
    const { line } = client(server.url, { session: session() })
    const first = await waitForStatus(line, 'open')
    await server.goAway({ forgetSessions: true })
    await waitForStatus(line, 'reconnecting')
    await server.comeBack()
    const fresh = await waitForState(
      line,
      (s) => s.status === 'open' && s.session?.id !== first.session?.id,
    )
    expect(fresh.session?.resumed).toBe(false)
  })

  it('with sessions: false the handshake is echoed back like any message', async () => {
    const server = await start({ sessions: false })
    const raw = await connectClient(server.url)
    raw.socket.send('{"s":"open","v":1,"id":null,"ack":0}')
    await waitFor(() => raw.messages.length === 1)
    expect(raw.messages).toEqual(['{"s":"open","v":1,"id":null,"ack":0}'])
    raw.socket.terminate()
  })
})

describe('freeze and thaw', () => {
  it('a frozen server answers no ping and sends no close: the heartbeat finds it', async () => {
    const server = await start()
    const { line } = client(server.url, { heartbeat: { interval: 100, timeout: 150 } })
    await waitForStatus(line, 'open')
    const pings = server.pings
    server.freeze()
    const dead = await waitForStatus(line, 'reconnecting')
    expect(dead.error?.kind).toBe('heartbeat-timeout')
    expect(server.pings).toBe(pings)
    // New attempts hang, as with a stopped process: the upgrade is never answered.
    await delay(300)
    expect(line.store.getState().status).not.toBe('open')
    server.thaw()
    await waitForStatus(line, 'open')
  })

  it('what arrived while frozen is read on thaw, in order, and the replies go out', async () => {
    const server = await start()
    const raw = await connectClient(server.url)
    server.freeze()
    raw.socket.send('a')
    raw.socket.send('b')
    server.send('held')
    await delay(100)
    expect(server.received).toEqual([])
    expect(raw.messages).toEqual([])
    server.thaw()
    expect(await server.waitForMessages(2)).toEqual(['a', 'b'])
    await waitFor(() => raw.messages.length === 3)
    expect(raw.messages).toEqual(['held', 'a', 'b'])
    raw.socket.terminate()
  })
})

describe('serve: your own server code on the test server', () => {
  it('turns the built-in echo, heartbeat and sessions off; the controls and counts stay', async () => {
    let stopped = false
    const server = await start({
      serve: (wss) => {
        wss.on('connection', (socket) =>
          socket.on('message', (data) => socket.send(`yours: ${data}`)),
        )
        return () => {
          stopped = true
        }
      },
    })
    const raw = await connectClient(server.url)
    raw.socket.send('ping')
    raw.socket.send('hi')
    await waitFor(() => raw.messages.length === 2)
    expect(raw.messages).toEqual(['yours: ping', 'yours: hi'])
    // Pings are counted, never recorded as the app's messages, whoever answers them.
    expect(server.received.map((m) => m.data)).toEqual(['hi'])
    expect(server.pings).toBe(1)
    server.dropAll()
    expect(await raw.closed).toBe(1006)
    await server.close()
    expect(stopped).toBe(true)
  })
})
