import { registerCleanup, startServerProcess, testServer } from '@lifeline/test-utils'
import { startProxy, startTestServer } from '@lifeline/testing/node'
import { describe, expect, it } from 'vitest'
import { connect, until } from './harness.js'

const cleanup = registerCleanup()

const heartbeat = { interval: 300, timeout: 300 }
const reconnect = { minDelay: 100, maxDelay: 100, jitter: 0, minUptime: 100 }

describe('half-open links: TCP stays up, nothing answers, no close event', () => {
  it('a server process stopped with SIGSTOP is declared dead within interval + timeout', async () => {
    const server = await startServerProcess()
    cleanup.push(() => server.kill())
    const line = connect(server.url, { heartbeat, reconnect }, cleanup)
    const events: string[] = []
    line.onEvent((e) => events.push(e.type))
    await until(line.store, (st) => st.status === 'open')
    // Proof the heartbeat works while the server is healthy: a pong sets latency.
    await until(line.store, (st) => st.latency !== null, 2_000)
    await until(line.store, (st) => st.lastSeenAt !== null && Date.now() - st.lastSeenAt < 20)
    server.pause()
    const frozenAt = Date.now()
    const dead = await until(line.store, (st) => st.status !== 'open', 3_000)
    const detection = Date.now() - frozenAt
    expect(dead.status).toBe('reconnecting')
    expect(dead.lastClose).toMatchObject({
      code: 1006,
      reason: 'heartbeat timeout',
      wasClean: false,
    })
    expect(dead.error?.kind).toBe('heartbeat-timeout')
    // Never before a full interval + timeout of silence, and not much after.
    expect(detection).toBeGreaterThanOrEqual(heartbeat.interval + heartbeat.timeout - 25)
    expect(detection).toBeLessThan(heartbeat.interval + heartbeat.timeout + 400)
    console.info(`half-open (SIGSTOP) detected after ${detection} ms (interval + timeout = 600 ms)`)
    server.resume()
    await until(line.store, (st) => st.status === 'open', 3_000)
    expect(events).toContain('ping')
    expect(events).toContain('pong')
  })

  it('a proxy that stops forwarding: a new socket is open within interval + timeout + backoff', async () => {
    const backend = await startTestServer()
    cleanup.push(() => backend.close())
    const proxy = await startProxy({ targetPort: backend.port })
    cleanup.push(() => proxy.close())
    const line = connect(proxy.url, { heartbeat, reconnect }, cleanup)
    await until(line.store, (st) => st.status === 'open')
    const firstSocket = line.socket()
    await until(
      line.store,
      (st) => st.lastSeenAt !== null && Date.now() - st.lastSeenAt < 20,
      2_000,
    )
    proxy.freeze()
    const frozenAt = Date.now()
    // New connections through the proxy work again, the frozen one stays frozen.
    await until(line.store, (st) => st.status !== 'open', 3_000)
    proxy.thaw()
    await until(line.store, (st) => st.status === 'open', 3_000)
    const recovered = Date.now() - frozenAt
    expect(line.socket()).not.toBe(firstSocket)
    expect(recovered).toBeLessThan(
      heartbeat.interval + heartbeat.timeout + reconnect.minDelay + 500,
    )
    console.info(`proxy freeze: new socket open after ${recovered} ms (budget 700 ms + slack)`)
  })

  it('every received frame is proof of life: a chatty server is never pinged', async () => {
    const s = await startTestServer()
    cleanup.push(() => s.close())
    const line = connect(s.url, { heartbeat: { interval: 200, timeout: 100 } }, cleanup)
    await until(line.store, (st) => st.status === 'open')
    const timer = setInterval(() => {
      for (const c of s.clients()) c.send('tick')
    }, 50)
    cleanup.push(() => clearInterval(timer))
    await new Promise((r) => setTimeout(r, 600))
    expect(s.pings).toBe(0)
    expect(line.store.getState().status).toBe('open')
  })

  it('pings after every interval of silence, also when timeout > interval', async () => {
    const s = await testServer(cleanup)
    const line = connect(s.url, { heartbeat: { interval: 30, timeout: 500 } }, cleanup)
    await until(line.store, (st) => st.status === 'open')
    const before = s.pings
    await new Promise((r) => setTimeout(r, 400))
    // One ping per ~31 ms (interval after each pong): about 12, not one per timeout.
    expect(s.pings - before).toBeGreaterThanOrEqual(6)
  })

  it('pongs are never delivered as messages', async () => {
    const s = await startTestServer()
    cleanup.push(() => s.close())
    const line = connect(s.url, { heartbeat: { interval: 50, timeout: 200 } }, cleanup)
    const messages: unknown[] = []
    line.onMessage((d) => messages.push(d))
    await until(line.store, (st) => st.latency !== null, 2_000)
    expect(s.pings).toBeGreaterThanOrEqual(1)
    expect(messages).toEqual([])
    expect(line.store.getState().lastMessage).toBeNull()
  })

  it('custom JSON heartbeat: message function and isPong', async () => {
    const s = await startTestServer({
      echo: false,
      onMessage: (socket, data) => {
        const text = data.toString()
        if (text.includes('"hb"')) socket.send(JSON.stringify({ type: 'hb-ack' }))
      },
    })
    cleanup.push(() => s.close())
    let n = 0
    const line = connect(
      s.url,
      {
        heartbeat: {
          interval: 50,
          timeout: 300,
          message: () => JSON.stringify({ type: 'hb', n: ++n }),
          isPong: (d) => typeof d === 'string' && d.includes('hb-ack'),
        },
      },
      cleanup,
    )
    await until(line.store, (st) => st.latency !== null, 2_000)
    expect(n).toBeGreaterThanOrEqual(1)
    expect(line.store.getState().lastMessage).toBeNull()
  })
})
