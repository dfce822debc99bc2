import { delay, registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import { CHAT_QUEUE, HEARTBEAT } from '../src/protocol.js'
import { connect, startServer, type TestClient } from './testSupport.js'

const cleanup = registerCleanup()

const join = (client: TestClient, name = 'n'): void =>
  client.sendJson({ type: 'join', room: 'r', name })
const say = (client: TestClient, ref: string, text = `line ${ref}`): void =>
  client.sendJson({ type: 'say', ref, text })

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

  it(`lets a reconnecting client's join and whole queue (${CHAT_QUEUE} frames) through at once, with heartbeats`, async () => {
    const server = await startServer(cleanup)
    const client = await connect(cleanup, `${server.url}/chat`)
    join(client)
    for (let i = 1; i < CHAT_QUEUE; i++) say(client, `q${i}`, 'x'.repeat(2_000))
    for (let i = 0; i < 5; i++) client.socket.send(HEARTBEAT.ping)
    expect(await client.nextJson()).toMatchObject({ type: 'welcome' })
    await waitFor(() => client.frames.length === CHAT_QUEUE + 5, { timeout: 5_000 })
    const replies = client.frames.slice(1).map((frame) => JSON.parse(frame.data))
    expect(replies.filter((m) => m.type === 'message')).toHaveLength(CHAT_QUEUE - 1)
    expect(replies.filter((m) => m.type === 'heartbeat_ack')).toHaveLength(5)
    expect(server.metrics().rateLimited).toBe(0)
  })

  it('refuses frames past the burst naming the refused line, then closes with 1008 past the strikes', async () => {
    const server = await startServer(cleanup, {
      rateLimit: { frames: { perSecond: 0.5, burst: 3 }, strikes: 2 },
    })
    const client = await connect(cleanup, `${server.url}/chat`)
    join(client)
    for (const ref of ['1', '2', '3', '4', '5', '6']) say(client, ref)
    expect(await client.closed).toBe(1008)
    const received = client.frames.map((frame) => JSON.parse(frame.data))
    expect(received).toEqual([
      expect.objectContaining({ type: 'welcome' }),
      expect.objectContaining({ type: 'message', ref: '1' }),
      expect.objectContaining({ type: 'message', ref: '2' }),
      expect.objectContaining({ type: 'error', code: 'rate-limited', ref: '3' }),
      expect.objectContaining({ type: 'error', code: 'rate-limited', ref: '4' }),
    ])
    expect(server.metrics()).toMatchObject({ rateLimited: 3, connectionsAbusive: 1 })
  })

  it('lets frames through again once the bucket refilled, and a refusal costs nothing', async () => {
    // 1 token per 100 ms: the frames sent below in one go arrive well within one refill.
    const server = await startServer(cleanup, {
      rateLimit: { frames: { perSecond: 10, burst: 3 } },
    })
    const client = await connect(cleanup, `${server.url}/chat`)
    join(client)
    say(client, '1')
    say(client, '2')
    say(client, '3')
    expect(await client.nextJson()).toMatchObject({ type: 'welcome' })
    expect(await client.nextJson()).toMatchObject({ type: 'message', ref: '1' })
    expect(await client.nextJson()).toMatchObject({ type: 'message', ref: '2' })
    expect(await client.nextJson()).toMatchObject({ type: 'error', code: 'rate-limited', ref: '3' })
    await delay(150)
    say(client, '4')
    expect(await client.nextJson()).toMatchObject({ type: 'message', ref: '4' })
    expect(server.metrics().rateLimited).toBe(1)
  })

  it('charges heartbeats too: a refused heartbeat gets no answer, and a flood of them ends in 1008', async () => {
    const server = await startServer(cleanup, {
      rateLimit: { frames: { perSecond: 0.5, burst: 3 }, strikes: 2 },
    })
    const client = await connect(cleanup, `${server.url}/chat`)
    for (let i = 0; i < 10; i++) client.socket.send(HEARTBEAT.ping)
    expect(await client.closed).toBe(1008)
    expect(client.frames.map((frame) => frame.data)).toEqual([
      HEARTBEAT.pong,
      HEARTBEAT.pong,
      HEARTBEAT.pong,
    ])
  })

  it('counts bytes: long lines past the byte burst are refused while the frame count is fine', async () => {
    const server = await startServer(cleanup, {
      rateLimit: { bytes: { perSecond: 100, burst: 5_000 } },
    })
    const client = await connect(cleanup, `${server.url}/chat`)
    join(client)
    for (const ref of ['a', 'b', 'c']) say(client, ref, 'x'.repeat(2_000))
    expect(await client.nextJson()).toMatchObject({ type: 'welcome' })
    expect(await client.nextJson()).toMatchObject({ type: 'message', ref: 'a' })
    expect(await client.nextJson()).toMatchObject({ type: 'message', ref: 'b' })
    expect(await client.nextJson()).toMatchObject({ type: 'error', code: 'rate-limited', ref: 'c' })
  })

  it('limits joins per address, which cost the server a history each: reconnecting does not help', async () => {
    const server = await startServer(cleanup, { joins: { perSecond: 0.1, burst: 3 } })
    const url = `${server.url}/chat`
    const first = await connect(cleanup, url)
    for (let i = 1; i <= 3; i++) join(first, `name ${i}`)
    for (let i = 1; i <= 3; i++) {
      expect(await first.nextJson()).toMatchObject({ type: 'welcome', name: `name ${i}` })
    }
    first.socket.close()
    const again = await connect(cleanup, url)
    join(again, 'fresh start?')
    expect(await again.nextJson()).toMatchObject({ type: 'error', code: 'rate-limited' })
    // Another address has its own allowance.
    const other = await connect(cleanup, url, { localAddress: '127.0.0.2' })
    join(other, 'elsewhere')
    expect(await other.nextJson()).toMatchObject({ type: 'welcome' })
  })

  it('limits lines per address: a flooder that reconnects gets no fresh burst', async () => {
    const server = await startServer(cleanup, { lines: { perSecond: 0.1, burst: 5 } })
    const url = `${server.url}/chat`
    const first = await connect(cleanup, url)
    join(first, 'flooder')
    for (const ref of ['1', '2', '3', '4', '5', '6']) say(first, ref)
    await waitFor(() => first.frames.length === 7, { timeout: 2_000 })
    expect(JSON.parse(first.frames.at(-1)?.data ?? '{}')).toMatchObject({
      type: 'error',
      code: 'rate-limited',
      ref: '6',
    })
    first.socket.close()
    const again = await connect(cleanup, url)
    join(again, 'flooder again')
    say(again, '7')
    expect(await again.nextJson()).toMatchObject({ type: 'welcome' })
    expect(await again.nextJson()).toMatchObject({ type: 'error', code: 'rate-limited', ref: '7' })
  })
})
