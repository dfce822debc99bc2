// The server together with Lifeline's queue, as the demo's chat client uses it: after a reconnect
// the client flushes its join and its whole queue at once, and every line must end delivered or
// visibly refused, never pending.
import { createLifeline, type Lifeline } from '@lifeline/core'
import { registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { type ChatLog, chatLogReducer, EMPTY_CHAT_LOG } from '../src/chatLog.js'
import { CHAT_QUEUE, type ClientMessage, HEARTBEAT, type ServerMessage } from '../src/protocol.js'
import type { ChatServerOptions } from './createChatServer.js'
import { startServer } from './testSupport.js'

const cleanup = registerCleanup()
const JOIN: ClientMessage = { type: 'join', room: 'lobby', name: 'grace', key: 'grace-key' }

/** A chat client as the demo makes it (queue, heartbeat), its log fed by the real reducer. */
function chatClient(url: string) {
  const line: Lifeline<ServerMessage, ClientMessage> = createLifeline(url, {
    WebSocket,
    heartbeat: {
      interval: 1_000,
      timeout: 1_000,
      message: HEARTBEAT.ping,
      isPong: (d) => d === HEARTBEAT.pong,
    },
    reconnect: { minDelay: 50, maxDelay: 100 },
    queue: { maxSize: CHAT_QUEUE, overflow: 'drop-newest' },
  })
  cleanup.push(() => line.destroy())
  let log: ChatLog = EMPTY_CHAT_LOG
  line.onMessage((_, json) => {
    log = chatLogReducer(log, { type: 'server', message: json, at: Date.now() })
  })
  line.onEvent((event) => {
    if (event.type === 'status' && event.status === 'closed') {
      log = chatLogReducer(log, { type: 'closed', reason: 'the connection closed' })
    }
  })
  const say = (ref: string): void => {
    const result = line.sendJson({ type: 'say', ref, text: `line ${ref}` })
    log = chatLogReducer(log, {
      type: 'say',
      id: ref,
      name: 'grace',
      text: `line ${ref}`,
      at: Date.now(),
      result,
    })
  }
  const deliveries = () =>
    log.entries.flatMap((e) => (e.kind === 'message' && e.own ? [e.delivery] : []))
  return { line, say, log: () => log, deliveries }
}

/**
 * Joins, loses the server, fills the queue while it is down (the join first, as the demo re-queues
 * it), then brings a server back on the same port with `options`.
 */
async function reconnectWithFullQueue(options: ChatServerOptions) {
  const first = await startServer(cleanup)
  const client = chatClient(`${first.url}/chat`)
  await waitFor(() => client.line.store.getState().status === 'open')
  client.line.sendJson(JOIN)
  await waitFor(() => client.log().welcomed)
  await first.close()
  await waitFor(() => client.line.store.getState().status !== 'open')
  expect(client.line.sendJson(JOIN)).toBe('queued')
  for (let i = 1; i < CHAT_QUEUE; i++) client.say(`q${i}`)
  expect(client.line.store.getState()).toMatchObject({ queued: CHAT_QUEUE, dropped: 0 })
  const second = await startServer(cleanup, { port: first.port, ...options })
  return { client, server: second }
}

describe('a reconnect with a full queue', () => {
  it(`gets the join and all ${CHAT_QUEUE - 1} lines through, none refused`, async () => {
    const { client, server } = await reconnectWithFullQueue({})
    await waitFor(() => client.deliveries().every((d) => d === 'delivered'), { timeout: 10_000 })
    expect(client.deliveries()).toHaveLength(CHAT_QUEUE - 1)
    expect(server.metrics()).toMatchObject({ rateLimited: 0, connectionsAbusive: 0 })
    expect(client.line.store.getState().status).toBe('open')
  })

  it('shows what a stricter server refused as refused, the rest as not delivered: nothing pending', async () => {
    const { client, server } = await reconnectWithFullQueue({
      rateLimit: { frames: { perSecond: 0.1, burst: 30 }, strikes: 10 },
    })
    await waitFor(() => client.line.store.getState().status === 'closed', { timeout: 10_000 })
    expect(client.line.store.getState().lastClose?.code).toBe(1008)
    const deliveries = client.deliveries()
    expect(deliveries).toHaveLength(CHAT_QUEUE - 1)
    expect(deliveries.filter((d) => d === 'pending')).toEqual([])
    // The join and 29 lines fit the burst; the next 10 were refused by name; then it was closed.
    expect(deliveries.filter((d) => d === 'delivered')).toHaveLength(29)
    expect(deliveries.filter((d) => d === 'refused')).toHaveLength(10)
    expect(deliveries.filter((d) => d === 'dropped')).toHaveLength(CHAT_QUEUE - 1 - 39)
    const refused = client
      .log()
      .entries.find((e) => e.kind === 'message' && e.delivery === 'refused')
    expect(refused).toMatchObject({ reason: expect.stringContaining('too many') })
    expect(server.metrics().connectionsAbusive).toBe(1)
  })
})
