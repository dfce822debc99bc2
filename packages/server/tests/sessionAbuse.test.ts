import { once } from 'node:events'
import { registerCleanup, testServer } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { until } from '../../core/tests/harness.js'
import { sessionClient, startSessionServer } from './sessionHarness.js'

const cleanup = registerCleanup()

/** A raw client, as an attacker would write one: it sends what it likes and hears the close. */
async function raw(url: string) {
  const socket = new WebSocket(url)
  socket.on('error', () => {})
  const frames: string[] = []
  socket.on('message', (data) => frames.push(String(data)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  cleanup.push(() => socket.terminate())
  await once(socket, 'open')
  const handshake = async () => {
    socket.send(JSON.stringify({ s: 'open', v: 1, id: null, ack: 0 }))
    await waitFor(() => frames.length > 0)
    return JSON.parse(frames[0] as string) as { id: string }
  }
  return { socket, frames, closed, handshake }
}

const OPEN = { s: 'open', v: 1, id: null, ack: 0 }

describe('sessions under bad input: the socket is closed with a reason, nobody else notices', () => {
  it.each([
    ['a plain text frame first', 'hello', 4400, 'expected the session handshake first'],
    [
      'another protocol version',
      JSON.stringify({ ...OPEN, v: 2 }),
      4400,
      'expected the session handshake first',
    ],
    ['a malformed session id', JSON.stringify({ ...OPEN, id: '../../etc' }), 4400, 'expected'],
    ['a data frame first', '1:hi', 4400, 'expected the session handshake first'],
    ['JSON nested 100,000 deep', `${'['.repeat(50_000)}${']'.repeat(50_000)}`, 4400, 'expected'],
    ['a deep control frame', `{"s":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, 4400, 'expected'],
  ])('%s', async (_name, frame, code, reason) => {
    const server = await startSessionServer(cleanup)
    const { socket, closed } = await raw(server.url)
    socket.send(frame)
    const close = await closed
    expect(close.code).toBe(code)
    expect(close.reason).toContain(reason)
  })

  it.each([
    ['a message that skips numbers', '5:jump', 4409, 'message 5 after 0'],
    ['a second handshake', JSON.stringify(OPEN), 4400, 'one session per socket'],
    ['an ack of a message never sent', JSON.stringify({ s: 'ack', ack: 3 }), 4409, 'never sent'],
    [
      'an answer frame from the client',
      JSON.stringify({ s: 'ready', id: 'abcdefghijklmnop', resumed: true, ack: 0 }),
      4400,
      "'ready'",
    ],
    ['garbage after the handshake', '\u0000\u0001not a frame', 4400, 'not a session frame'],
  ])('after the handshake, %s', async (_name, frame, code, reason) => {
    const server = await startSessionServer(cleanup)
    const { socket, closed, handshake } = await raw(server.url)
    await handshake()
    socket.send(frame)
    const close = await closed
    expect(close.code).toBe(code)
    expect(close.reason).toContain(reason)
  })

  it('binary frames are refused with 1003: sessions carry text', async () => {
    const server = await startSessionServer(cleanup)
    const { socket, closed, handshake } = await raw(server.url)
    await handshake()
    socket.send(new Uint8Array([1, 2, 3]))
    expect(await closed).toMatchObject({ code: 1003, reason: 'sessions carry text frames only' })
  })

  it('a flood of bad frames from many sockets leaves a healthy client served', async () => {
    const server = await startSessionServer(cleanup)
    const healthy = sessionClient(server.url, cleanup)
    await until(healthy.line.store, (st) => st.status === 'open')
    const attackers = await Promise.all(Array.from({ length: 20 }, () => raw(server.url)))
    for (const [i, attacker] of attackers.entries()) {
      attacker.socket.send(i % 2 === 0 ? '{"s":' : `${'{'.repeat(10_000)}`)
    }
    await Promise.all(attackers.map((a) => a.closed))
    const [s] = server.made
    for (let i = 0; i < 20; i++) s?.send(`still here ${i}`)
    await waitFor(() => healthy.got.length === 20)
    expect(healthy.line.store.getState()).toMatchObject({ status: 'open', error: null })
    expect(server.sessions.stats()).toMatchObject({ live: 1, connected: 1 })
  })

  it('a session id guessed or replayed by another socket takes the session over; the old socket is told', async () => {
    const server = await startSessionServer(cleanup)
    const first = await raw(server.url)
    const { id } = await first.handshake()
    const second = await raw(server.url)
    second.socket.send(JSON.stringify({ s: 'open', v: 1, id, ack: 0 }))
    expect(await first.closed).toMatchObject({
      code: 4409,
      reason: 'the session resumed on another socket',
    })
    await waitFor(() => second.frames.length > 0)
    expect(JSON.parse(second.frames[0] as string)).toMatchObject({ s: 'ready', id, resumed: true })
  })
})

describe('the client against a server that does not speak sessions', () => {
  it('no answer to the handshake: error session within connectTimeout, retried under the backoff', async () => {
    const s = await testServer(cleanup, { echo: false, heartbeat: false, sessions: false })
    const { line } = sessionClient(s.url, cleanup, {
      connectTimeout: 300,
      reconnect: { minDelay: 200, maxDelay: 200, jitter: 0 },
    })
    const failed = await until(line.store, (st) => st.error?.kind === 'session', 2_000)
    expect(failed.status).toBe('reconnecting')
    expect(failed.error?.message).toContain(
      'no answer to the session handshake within connectTimeout',
    )
    expect(failed.lastClose).toMatchObject({ code: 1006, reason: 'connect timeout' })
    await new Promise((r) => setTimeout(r, 700))
    // 300 ms to fail + 200 ms to wait: two or three attempts in a second, not a tight loop.
    expect(s.connections).toBeGreaterThanOrEqual(2)
    expect(s.connections).toBeLessThanOrEqual(3)
  })

  it('an echo server sends the handshake back: error session, it says the protocol broke', async () => {
    const s = await testServer(cleanup, { sessions: false })
    const { line } = sessionClient(s.url, cleanup)
    const failed = await until(line.store, (st) => st.error?.kind === 'session', 2_000)
    expect(failed.error?.message).toContain('broke the session protocol')
    expect(failed.status).not.toBe('open')
  })

  it('binary data is refused with error session, never sent', async () => {
    const server = await startSessionServer(cleanup)
    const { line } = sessionClient(server.url, cleanup)
    await until(line.store, (st) => st.status === 'open')
    expect(line.send(new Uint8Array([1]))).toBe('dropped')
    expect(line.store.getState().error).toMatchObject({ kind: 'session' })
    expect(line.store.getState().error?.message).toContain('text only')
  })
})
