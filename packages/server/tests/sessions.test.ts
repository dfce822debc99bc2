import { fileURLToPath } from 'node:url'
import { registerCleanup, startServerProcess } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { startProxy } from '@lifeline/testing/node'
import { describe, expect, it } from 'vitest'
import { until } from '../../core/tests/harness.js'
import { numbered, sessionClient, startSessionServer } from './sessionHarness.js'

const cleanup = registerCleanup()
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('sessions: nothing lost across a reconnect, in either direction', () => {
  it('a first connection starts a new session; messages go both ways once and in order', async () => {
    const server = await startSessionServer(cleanup)
    const { line, got } = sessionClient(server.url, cleanup)
    const ready = await until(line.store, (st) => st.status === 'open')
    expect(ready.session).toMatchObject({ resumed: false, unacked: 0 })
    expect(ready.session?.id).toMatch(/^[\w-]{16,}$/)
    for (const text of numbered('c', 50)) line.send(text)
    await waitFor(() => server.received.get(ready.session?.id ?? '')?.length === 50)
    expect(server.received.get(ready.session?.id ?? '')).toEqual(numbered('c', 50))
    const [s] = server.made
    for (const text of numbered('s', 50)) expect(s?.send(text)).toBe('sent')
    await waitFor(() => got.length === 50)
    expect(got).toEqual(numbered('s', 50))
    // Acknowledgements come in batches: the client keeps nothing once they are in.
    await until(line.store, (st) => st.session?.unacked === 0)
  })

  it('a dropped TCP link loses nothing: both sides send throughout, the client resumes', async () => {
    const server = await startSessionServer(cleanup)
    const proxy = await startProxy({ targetPort: server.port })
    cleanup.push(() => proxy.close())
    const { line, got } = sessionClient(proxy.url, cleanup)
    await until(line.store, (st) => st.status === 'open')
    const id = line.store.getState().session?.id ?? ''
    const [s] = server.made
    let n = 0
    const sendBoth = () => {
      line.send(`c${n}`)
      s?.send(`s${n}`)
      n++
    }
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 20; i++) sendBoth()
      proxy.dropAll()
      await until(line.store, (st) => st.status !== 'open')
      for (let i = 0; i < 20; i++) sendBoth()
      await until(line.store, (st) => st.status === 'open' && st.session?.resumed === true)
    }
    await waitFor(() => got.length === n && server.received.get(id)?.length === n, {
      message: `got ${got.length} and ${server.received.get(id)?.length} of ${n}`,
    })
    expect(got).toEqual(numbered('s', n))
    expect(server.received.get(id)).toEqual(numbered('c', n))
    expect(server.sessions.stats()).toMatchObject({ live: 1, connected: 1, resumed: 5 })
    expect(line.store.getState().session?.id).toBe(id)
  })

  it.each([1001, 1011, 1012])(
    'a server that closes with %i: the client resumes, nothing lost',
    async (code) => {
      const server = await startSessionServer(cleanup)
      const { line, got } = sessionClient(server.url, cleanup)
      await until(line.store, (st) => st.status === 'open')
      const [s] = server.made
      for (const text of numbered('a', 10)) s?.send(text)
      for (const socket of server.wss.clients) socket.close(code, 'going away')
      for (const text of numbered('b', 10)) s?.send(text)
      await until(line.store, (st) => st.status === 'open' && st.session?.resumed === true)
      await waitFor(() => got.length === 20)
      expect(got).toEqual([...numbered('a', 10), ...numbered('b', 10)])
    },
  )

  it('what the server sent while the client was away arrives after the resume', async () => {
    const server = await startSessionServer(cleanup)
    const { line, got } = sessionClient(server.url, cleanup, {
      reconnect: { minDelay: 300, maxDelay: 300, jitter: 0 },
    })
    await until(line.store, (st) => st.status === 'open')
    const [s] = server.made
    for (const socket of server.wss.clients) socket.terminate()
    await until(line.store, (st) => st.status === 'reconnecting')
    for (const text of numbered('missed', 30)) expect(s?.send(text)).toBe('buffered')
    expect(server.sessions.stats()).toMatchObject({ live: 1, connected: 0 })
    await until(line.store, (st) => st.status === 'open')
    await waitFor(() => got.length === 30)
    expect(got).toEqual(numbered('missed', 30))
    expect(line.store.getState().session?.resumed).toBe(true)
  })

  it('a frozen link (half-open) is found by the heartbeat; the resume loses nothing', async () => {
    const server = await startSessionServer(cleanup)
    const proxy = await startProxy({ targetPort: server.port })
    cleanup.push(() => proxy.close())
    const { line, got } = sessionClient(proxy.url, cleanup, {
      heartbeat: { interval: 150, timeout: 150 },
    })
    await until(line.store, (st) => st.status === 'open')
    const id = line.store.getState().session?.id ?? ''
    const [s] = server.made
    proxy.freeze()
    // Sent into the frozen link: 'sent' to the socket, and still never lost.
    for (const text of numbered('into-the-void', 10)) expect(line.send(text)).toBe('sent')
    for (const text of numbered('held', 10)) s?.send(text)
    await until(line.store, (st) => st.status !== 'open', 3_000)
    proxy.thaw()
    await until(line.store, (st) => st.status === 'open' && st.session?.resumed === true, 3_000)
    await waitFor(() => got.length === 10 && server.received.get(id)?.length === 10)
    expect(server.received.get(id)).toEqual(numbered('into-the-void', 10))
    expect(got).toEqual(numbered('held', 10))
  })

  it('a server restart (memory store) says resumed: false; what was unacknowledged goes again', async () => {
    const first = await startSessionServer(cleanup)
    const { line } = sessionClient(first.url, cleanup)
    await until(line.store, (st) => st.status === 'open')
    const oldId = line.store.getState().session?.id
    await first.stop()
    await until(line.store, (st) => st.status === 'reconnecting')
    line.send('typed while down')
    const second = await startSessionServer(cleanup, { port: first.port })
    const renewed = await until(line.store, (st) => st.status === 'open')
    expect(renewed.session?.resumed).toBe(false)
    expect(renewed.session?.id).not.toBe(oldId)
    await waitFor(() => second.received.get(renewed.session?.id ?? '')?.length === 1)
    expect(second.received.get(renewed.session?.id ?? '')).toEqual(['typed while down'])
  })

  it('a session away longer than ttl is forgotten with its buffers: the client gets a new one', async () => {
    const server = await startSessionServer(cleanup, { ttl: 100 })
    const { line } = sessionClient(server.url, cleanup, {
      reconnect: { minDelay: 400, maxDelay: 400, jitter: 0 },
    })
    await until(line.store, (st) => st.status === 'open')
    const [s] = server.made
    const ends: string[] = []
    s?.onEnd((reason) => ends.push(reason))
    for (const socket of server.wss.clients) socket.terminate()
    await until(line.store, (st) => st.status === 'reconnecting')
    s?.send('never delivered')
    await waitFor(() => ends.length === 1)
    expect(ends).toEqual(['expired'])
    expect(server.sessions.stats()).toMatchObject({ expired: 1 })
    const back = await until(line.store, (st) => st.status === 'open')
    expect(back.session?.resumed).toBe(false)
    expect(server.sessions.stats()).toMatchObject({ live: 1, expired: 1 })
  })

  it('disconnect() ends the session at the server; connect() starts a new one', async () => {
    const server = await startSessionServer(cleanup)
    const { line } = sessionClient(server.url, cleanup)
    await until(line.store, (st) => st.status === 'open')
    const [s] = server.made
    const ends: string[] = []
    s?.onEnd((reason) => ends.push(reason))
    line.disconnect()
    await until(line.store, (st) => st.status === 'closed')
    await waitFor(() => ends.length === 1)
    expect(ends).toEqual(['ended'])
    expect(server.sessions.stats().live).toBe(0)
    line.connect()
    const again = await until(line.store, (st) => st.status === 'open')
    expect(again.session?.resumed).toBe(false)
    expect(server.made).toHaveLength(2)
  })

  it('many reconnects in a row with both sides sending: exact order, no duplicates', async () => {
    const server = await startSessionServer(cleanup)
    const { line, got } = sessionClient(server.url, cleanup)
    await until(line.store, (st) => st.status === 'open')
    const id = line.store.getState().session?.id ?? ''
    const [s] = server.made
    let n = 0
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 5; i++, n++) {
        line.send(`c${n}`)
        s?.send(`s${n}`)
      }
      for (const socket of server.wss.clients) socket.terminate()
      await wait(5)
    }
    await waitFor(() => got.length === n && server.received.get(id)?.length === n, {
      timeout: 10_000,
      message: `got ${got.length} and ${server.received.get(id)?.length} of ${n}`,
    })
    expect(got).toEqual(numbered('s', n))
    expect(server.received.get(id)).toEqual(numbered('c', n))
  })
})

describe('sessions through a server process frozen with SIGSTOP', () => {
  it('the half-open link is found, and after the resume every echo and tick arrives once, in order', async () => {
    const server = await startServerProcess({
      script: fileURLToPath(new URL('./sessionServerProcess.ts', import.meta.url)),
    })
    cleanup.push(() => server.kill())
    const { line, got } = sessionClient(server.url, cleanup, {
      heartbeat: { interval: 200, timeout: 200 },
    })
    await until(line.store, (st) => st.status === 'open', 5_000)
    let n = 0
    const sender = setInterval(() => line.send(`c${n++}`), 10)
    cleanup.push(() => clearInterval(sender))
    await wait(200)
    server.pause()
    await until(line.store, (st) => st.status !== 'open', 3_000)
    await wait(300)
    server.resume()
    await until(line.store, (st) => st.status === 'open' && st.session?.resumed === true, 5_000)
    await wait(200)
    clearInterval(sender)
    const sent = n
    await waitFor(() => got.filter((m) => m.startsWith('echo:')).length === sent, {
      timeout: 5_000,
      message: `echoes: ${got.filter((m) => m.startsWith('echo:')).length} of ${sent}`,
    })
    const echoes = got.filter((m) => m.startsWith('echo:'))
    const ticks = got.filter((m) => m.startsWith('tick '))
    expect(echoes).toEqual(numbered('echo:c', sent))
    expect(ticks).toEqual(numbered('tick ', ticks.length))
    expect(ticks.length).toBeGreaterThan(10)
  })
})
