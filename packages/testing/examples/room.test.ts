import { createLifeline } from '@lifeline/core'
import { session } from '@lifeline/core/session'
import { attachHeartbeat, attachSessions, type ServerSession } from '@lifeline/server'
import { waitFor, waitForState, waitForStatus } from '@lifeline/testing'
import { startTestServer, type TestServer } from '@lifeline/testing/node'
import { afterEach, expect, test } from 'vitest'
import { WebSocket, type WebSocketServer } from 'ws'

// The server under test: a room where every message reaches every member, exactly once.
function attachRoom(wss: WebSocketServer) {
  const heartbeat = attachHeartbeat(wss, { interval: 5_000 })
  const sessions = attachSessions(wss, { ttl: 10_000 })
  const members = new Set<ServerSession>()
  sessions.onSession((member) => {
    members.add(member)
    member.onEnd(() => members.delete(member))
    member.onMessage((text) => {
      for (const other of members) other.send(text)
    })
  })
  return () => {
    sessions.stop()
    heartbeat.stop()
  }
}

// A member: a real Lifeline client with a session, and every message it got.
function join(url: string) {
  const line = createLifeline(url, {
    WebSocket,
    session: session(),
    heartbeat: { interval: 200, timeout: 300 },
    reconnect: { minDelay: 50, maxDelay: 200, jitter: 0 },
    connectTimeout: 1_000,
  })
  const got: string[] = []
  line.onMessage((data) => got.push(String(data)))
  lines.push(line)
  return { line, got }
}

let server: TestServer
const lines: Array<ReturnType<typeof createLifeline>> = []
afterEach(async () => {
  for (const line of lines.splice(0)) line.destroy()
  await server.close()
})

test('links cut without a close lose nothing: both sessions resume, every message arrives once', async () => {
  server = await startTestServer({ serve: attachRoom })
  const ada = join(server.url)
  const bob = join(server.url)
  await waitForStatus(ada.line, 'open')
  await waitForStatus(bob.line, 'open')

  ada.line.send('one')
  await waitFor(() => bob.got.length === 1, { message: 'bob got "one"' })

  server.dropAll() // both links cut: the clients see 1006 and reconnect
  ada.line.send('two') // queued while ada reconnects
  await waitForState(ada.line, (s) => s.status === 'open' && s.session?.resumed === true)
  await waitForState(bob.line, (s) => s.status === 'open' && s.session?.resumed === true)
  await waitFor(() => bob.got.length === 2 && ada.got.length === 2, { message: 'both got "two"' })

  expect(bob.got).toEqual(['one', 'two'])
  expect(ada.got).toEqual(['one', 'two'])
  expect(server.connections).toBe(4)
})

test('a frozen server is found by the heartbeat; what was sent meanwhile arrives after the thaw', async () => {
  server = await startTestServer({ serve: attachRoom })
  const ada = join(server.url)
  await waitForStatus(ada.line, 'open')

  server.freeze() // a half-open link: no close, no answer to pings
  ada.line.send('while frozen')
  const dead = await waitForStatus(ada.line, 'reconnecting')
  expect(dead.error?.kind).toBe('heartbeat-timeout')
  expect(dead.lastClose).toMatchObject({ code: 1006, reason: 'heartbeat timeout' })

  server.thaw()
  await waitForState(ada.line, (s) => s.status === 'open' && s.session?.resumed === true)
  await waitFor(() => ada.got.length === 1, { message: 'the message sent while frozen came back' })
  expect(ada.got).toEqual(['while frozen'])
})
