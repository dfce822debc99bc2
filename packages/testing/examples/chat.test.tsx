// @vitest-environment jsdom
import { useWebSocket } from '@lifeline/react'
import { createManualClock } from '@lifeline/testing'
import { createWebSocketMock } from '@lifeline/testing/msw'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { setupServer } from 'msw/node'
import { useState } from 'react'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'

type Line = { text: string }

// The component under test: a chat box on the hook, as an app would write it.
function Chat({ url, timers }: { url: string; timers?: ReturnType<typeof createManualClock> }) {
  const [lines, setLines] = useState<string[]>([])
  const [draft, setDraft] = useState('')
  const { status, queued, sendJson } = useWebSocket<Line, Line>(url, {
    heartbeat: true,
    reconnect: { minDelay: 1_000, jitter: 0 },
    onMessage: (_data, json) => json && setLines((all) => [...all, json.text]),
    ...(timers ? { timers } : {}),
  })
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        sendJson({ text: draft })
        setDraft('')
      }}
    >
      <p>{queued > 0 ? `${status} · ${queued} pending` : status}</p>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <input aria-label="Message" value={draft} onChange={(e) => setDraft(e.target.value)} />
      <button type="submit">Send</button>
    </form>
  )
}

// The backend, mocked: it answers Lifeline's heartbeat and records what the app sent.
const chat = createWebSocketMock('ws://localhost/chat')
const server = setupServer(chat.handler)
beforeAll(() => server.listen())
afterEach(() => {
  cleanup()
  chat.reset()
})
afterAll(() => server.close())

test('a message arrives, the link drops, what was typed meanwhile goes out after the reconnect', async () => {
  // The clock drives heartbeat and backoff: no real waiting, no fake timers stalling the socket.
  const clock = createManualClock()
  render(<Chat url="ws://localhost/chat" timers={clock} />)
  await screen.findByText('open')

  act(() => chat.send(JSON.stringify({ text: 'hello from the server' })))
  await screen.findByText('hello from the server')

  // 25 s of silence: the heartbeat pings, the mock answers, the link stays up.
  await act(() => clock.advance(35_000))
  expect(chat.pings).toBe(1)
  screen.getByText('open')

  // The link drops without a close; what the user sends now waits in the queue.
  act(() => chat.dropAll())
  await screen.findByText('reconnecting')
  fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'typed while down' } })
  fireEvent.click(screen.getByRole('button', { name: 'Send' }))
  await screen.findByText('reconnecting · 1 pending')
  expect(chat.received).toEqual([])

  // The retry is due after 1 s: it reconnects and the queued message goes out first.
  await act(() => clock.advance(1_000))
  await screen.findByText('open')
  expect(await chat.waitForMessages(1)).toEqual([JSON.stringify({ text: 'typed while down' })])
  expect(chat.connections).toBe(2)
})
