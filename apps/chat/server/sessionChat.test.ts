import { createLifeline } from '@lifeline/core'
import { session } from '@lifeline/core/session'
import { registerCleanup } from '@lifeline/test-utils'
import { waitFor, waitForState } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { HEARTBEAT, type ServerMessage } from '../src/protocol.js'
import { connect, startServer } from './testSupport.js'

const cleanup = registerCleanup()

/** A member of the chat over a session, with every message it got. */
function member(url: string, name: string) {
  const line = createLifeline<ServerMessage>(`${url}/chat/session`, {
    WebSocket: WebSocket as never,
    heartbeat: {
      interval: 200,
      timeout: 200,
      message: HEARTBEAT.ping,
      isPong: (d) => d === HEARTBEAT.pong,
    },
    reconnect: { minDelay: 50, maxDelay: 200, jitter: 0 },
    hello: () => JSON.stringify({ type: 'join', room: 'lobby', name }),
    session: session(),
  })
  const got: ServerMessage[] = []
  line.onMessage((_, json) => {
    if (json) got.push(json)
  })
  cleanup.push(() => line.destroy())
  const lines = () =>
    got.filter((m) => m.type === 'message').map((m) => (m as { text: string }).text)
  return { line, got, lines }
}

describe('the chat over sessions (/chat/session)', () => {
  it('a member whose link drops misses nothing said meanwhile, and the room sees no leave', async () => {
    const server = await startServer(cleanup)
    const ada = member(server.url, 'ada')
    await waitForState(ada.line, (st) => st.status === 'open' && st.session?.resumed === false)
    // Past a few heartbeats: the heartbeat's frames are not the session's.
    await new Promise((r) => setTimeout(r, 500))
    expect(ada.line.store.getState()).toMatchObject({ status: 'open', error: null })
    expect(ada.line.store.getState().latency).not.toBeNull()
    // Bob is on a plain socket: both ways in meet in one room.
    const bob = await connect(cleanup, `${server.url}/chat`)
    bob.sendJson({ type: 'join', room: 'lobby', name: 'bob' })
    await waitFor(() => ada.got.some((m) => m.type === 'joined'))
    for (const socket of [ada.line.socket()]) (socket as unknown as WebSocket).terminate()
    for (let n = 0; n < 5; n++) bob.sendJson({ type: 'say', ref: `b${n}`, text: `while away ${n}` })
    await waitForState(ada.line, (st) => st.status === 'open' && st.session?.resumed === true)
    await waitFor(() => ada.lines().length === 5)
    expect(ada.lines()).toEqual([0, 1, 2, 3, 4].map((n) => `while away ${n}`))
    // Bob saw ada join once, and never leave.
    const bobSaw = bob.frames.map((f) => JSON.parse(f.data) as ServerMessage)
    expect(bobSaw.filter((m) => m.type === 'left')).toEqual([])
    // Ada's lines go out once, whatever happens to her link.
    ada.line.sendJson({ type: 'say', ref: 'a1', text: 'back' })
    await waitFor(() => bob.frames.some((f) => f.data.includes('"back"')))
    expect(bob.frames.filter((f) => f.data.includes('"back"'))).toHaveLength(1)
  })

  it('a restarted server starts a new session: the member is told and joins again', async () => {
    const first = await startServer(cleanup)
    const ada = member(first.url, 'ada')
    await waitFor(() => ada.got.some((m) => m.type === 'welcome'))
    const firstId = ada.line.store.getState().session?.id
    const port = first.port
    await first.close()
    const second = await startServer(cleanup, { port })
    await waitForState(ada.line, (st) => st.status === 'open' && st.session?.id !== firstId, {
      timeout: 5_000,
    })
    expect(ada.line.store.getState().session?.resumed).toBe(false)
    // Its join came with the new socket: the new session is in the room again, with its history.
    await waitFor(() => ada.got.filter((m) => m.type === 'welcome').length === 2)
    expect(second.url).toBe(first.url)
  })

  it('a flood over a session is limited as over a socket: closed with 1013, resumed, every line once', async () => {
    const server = await startServer(cleanup, {
      rateLimit: { frames: { perSecond: 100, burst: 30 }, strikes: 50 },
    })
    const ada = member(server.url, 'ada')
    await waitForState(ada.line, (st) => st.status === 'open')
    const closes: number[] = []
    ada.line.onEvent((event) => event.type === 'close' && closes.push(event.close.code))
    for (let n = 0; n < 60; n++)
      ada.line.sendJson({ type: 'say', ref: `f${n}`, text: `flood ${n}` })
    await waitFor(() => ada.lines().length === 60, { timeout: 10_000 })
    expect(ada.lines()).toEqual(Array.from({ length: 60 }, (_, n) => `flood ${n}`))
    expect(closes).toContain(1013)
  })
})
