import { createLifeline, type LifelineOptions } from '@lifeline/core'
import { session } from '@lifeline/core/session'
import { createManualClock, waitForState, waitForStatus } from '@lifeline/testing'
import { createWebSocketMock, type WebSocketMockOptions } from '@lifeline/testing/msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

// One MSW server for the file; each test adds its own mock (on its own URL) with `server.use`.
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())
const lines: Array<{ destroy(): void }> = []
afterEach(() => {
  for (const line of lines.splice(0)) line.destroy()
  server.resetHandlers()
})

let urls = 0
function setup(mockOptions: WebSocketMockOptions = {}, lineOptions: LifelineOptions = {}) {
  const url = `ws://mock.test/${++urls}`
  const clock = createManualClock()
  const mock = createWebSocketMock(url, { timers: clock, ...mockOptions })
  server.use(mock.handler)
  const line = createLifeline(url, {
    timers: clock,
    reconnect: { minDelay: 1_000, jitter: 0 },
    watchNetwork: false,
    ...lineOptions,
  })
  lines.push(line)
  const got: string[] = []
  line.onMessage((data) => got.push(String(data)))
  return { url, clock, mock, line, got }
}

describe('createWebSocketMock: a plain client', () => {
  it('answers the heartbeat, records app messages and their protocols, echoes when asked', async () => {
    const { clock, mock, line, got } = setup(
      { echo: true },
      { heartbeat: { interval: 1_000, timeout: 500 }, protocols: ['chat.v2', 'chat.v1'] },
    )
    await waitForStatus(line, 'open')
    line.send('hello')
    expect(await mock.waitForMessages(1)).toEqual(['hello'])
    await waitForState(line, () => got.length === 1)
    expect(got).toEqual(['hello'])
    await clock.advance(1_000)
    expect(mock.pings).toBe(1)
    expect(line.store.getState().latency).toBe(0)
    await clock.advance(1_000)
    expect(line.store.getState().status).toBe('open')
    expect(mock.protocols).toEqual(['chat.v2, chat.v1'])
    expect(mock.received.map((m) => m.data)).toEqual(['hello'])
  })

  it('speaks a custom heartbeat; onMessage scripts the replies; send reaches every client', async () => {
    const { mock, line, got } = setup(
      {
        heartbeat: { ping: (t) => t.includes('"hb"'), pong: () => '{"type":"hb-ack"}' },
        onMessage: (data, client) => client.send(`re: ${String(data)}`),
      },
      {
        heartbeat: {
          interval: 1_000,
          timeout: 500,
          message: '{"type":"hb"}',
          isPong: (d) => d === '{"type":"hb-ack"}',
        },
      },
    )
    await waitForStatus(line, 'open')
    line.send('question')
    await waitForState(line, () => got.length === 1)
    mock.send('news')
    await waitForState(line, () => got.length === 2)
    expect(got).toEqual(['re: question', 'news'])
    expect(mock.clients()).toHaveLength(1)
  })

  it('closeAll closes cleanly with the code; dropAll cuts without a close (1006, unclean)', async () => {
    const { clock, mock, line } = setup(
      {},
      { reconnect: { minDelay: 1_000, jitter: 0, shouldReconnect: () => true } },
    )
    await waitForStatus(line, 'open')
    mock.closeAll(4001, 'bye')
    const closed = await waitForStatus(line, 'reconnecting')
    expect(closed.lastClose).toMatchObject({ code: 4001, reason: 'bye', wasClean: true })
    await clock.advance(1_000)
    await waitForStatus(line, 'open')
    mock.dropAll()
    const dropped = await waitForStatus(line, 'reconnecting')
    expect(dropped.lastClose).toMatchObject({ code: 1006, wasClean: false })
    expect(mock.connections).toBe(2)
  })

  it('a frozen mock answers no ping: the heartbeat finds it; frames held for a given-up socket are gone', async () => {
    const { clock, mock, line } = setup({}, { heartbeat: { interval: 1_000, timeout: 500 } })
    await waitForStatus(line, 'open')
    mock.freeze()
    line.send('into the void')
    await clock.advance(1_499)
    expect(line.store.getState().status).toBe('open')
    expect(mock.pings).toBe(0)
    await clock.advance(1)
    expect(line.store.getState()).toMatchObject({
      status: 'reconnecting',
      error: { kind: 'heartbeat-timeout' },
    })
    // The client gave the socket up: what it sent on it is gone with it, as on a dead link.
    mock.thaw()
    expect(mock.received).toEqual([])
    await clock.advance(1_000)
    await waitForStatus(line, 'open')
  })

  it('a thaw before the deadline: the held ping is answered and the held message read, in order', async () => {
    const { clock, mock, line } = setup({}, { heartbeat: { interval: 1_000, timeout: 500 } })
    await waitForStatus(line, 'open')
    mock.freeze()
    line.send('held')
    await clock.advance(1_400)
    expect(mock.received).toEqual([])
    mock.thaw()
    expect(mock.received.map((m) => m.data)).toEqual(['held'])
    expect(mock.pings).toBe(1)
    await clock.advance(1_000)
    expect(line.store.getState().status).toBe('open')
  })

  it('gone away, it refuses every attempt (never open); back, the next retry opens', async () => {
    const { clock, mock, line } = setup()
    await waitForStatus(line, 'open')
    await mock.goAway()
    await waitForStatus(line, 'reconnecting')
    await clock.advance(1_000)
    const refused = await waitForState(line, (s) => s.status === 'reconnecting' && s.attempt === 2)
    expect(refused.lastClose).toMatchObject({ code: 1006, wasClean: false })
    expect(mock.connections).toBe(2)
    expect(mock.clients()).toEqual([])
    await mock.comeBack()
    await clock.advance(2_000)
    await waitForStatus(line, 'open')
    expect(mock.connections).toBe(3)
  })

  it('reset forgets everything: counts, messages, frozen and gone-away states', async () => {
    const { mock, line } = setup()
    await waitForStatus(line, 'open')
    line.send('one')
    await mock.waitForMessages(1)
    mock.freeze()
    await mock.goAway()
    mock.reset()
    expect([mock.connections, mock.pings, mock.received.length, mock.protocols.length]).toEqual([
      0, 0, 0, 0,
    ])
  })
})

describe('createWebSocketMock: a client with a session', () => {
  const withSession = (): LifelineOptions => ({ session: session() })

  it('answers the handshake; app messages arrive as payloads; what it sends is numbered', async () => {
    const { mock, line, got } = setup({ echo: true }, withSession())
    const open = await waitForStatus(line, 'open')
    expect(open.session).toMatchObject({ id: 'mock-1', resumed: false })
    line.send('one')
    line.send('two')
    expect(await mock.waitForMessages(2)).toEqual(['one', 'two'])
    await waitForState(line, () => got.length === 2)
    expect(got).toEqual(['one', 'two'])
    expect(mock.clients()[0]?.session).toBe('mock-1')
  })

  it('acknowledges in batches: the client forgets what the mock acknowledged', async () => {
    const { clock, mock, line } = setup({}, withSession())
    await waitForStatus(line, 'open')
    line.send('a')
    line.send('b')
    await mock.waitForMessages(2)
    expect(line.store.getState().session?.unacked).toBe(2)
    await clock.advance(200)
    await waitForState(line, (s) => s.session?.unacked === 0)
  })

  it('a drop loses nothing either way: the client resumes, the missed messages come once', async () => {
    const { clock, mock, line, got } = setup({}, withSession())
    await waitForStatus(line, 'open')
    mock.send('before')
    await waitForState(line, () => got.length === 1)
    mock.dropAll()
    await waitForStatus(line, 'reconnecting')
    mock.send('while away') // kept for the session
    line.send('queued')
    await clock.advance(1_000)
    const resumed = await waitForState(
      line,
      (s) => s.status === 'open' && s.session?.resumed === true,
    )
    expect(resumed.session?.id).toBe('mock-1')
    await waitForState(line, () => got.length === 2)
    expect(got).toEqual(['before', 'while away'])
    expect(await mock.waitForMessages(1)).toEqual(['queued'])
  })

  it('a mock that forgot its sessions starts a new one: resumed false', async () => {
    const { clock, mock, line } = setup({}, withSession())
    await waitForStatus(line, 'open')
    await mock.goAway({ forgetSessions: true })
    await mock.comeBack()
    await clock.advance(1_000)
    const fresh = await waitForState(line, (s) => s.status === 'open' && s.session?.id === 'mock-2')
    expect(fresh.session?.resumed).toBe(false)
  })

  it('with sessions off, the handshake is an ordinary message: the client says the server does not speak it', async () => {
    const { clock, line } = setup({ sessions: false }, { ...withSession(), connectTimeout: 500 })
    await clock.advance(500)
    const failed = await waitForState(line, (s) => s.error?.kind === 'session')
    expect(failed.status).toBe('reconnecting')
  })
})
