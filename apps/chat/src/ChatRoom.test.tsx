import { createManualClock } from '@lifeline/testing'
import { createWebSocketMock } from '@lifeline/testing/msw'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ChatRoom } from './ChatRoom.js'
import { DEFAULT_CONFIG, type DemoConfig } from './config.js'
import { HEARTBEAT, parseClientMessage, type ServerMessage } from './protocol.js'

const config: DemoConfig = { ...DEFAULT_CONFIG, server: 'ws://chat.test', minDelay: 1_000 }
const frame = (message: ServerMessage) => JSON.stringify(message)

// The demo's /chat/session endpoint, played by the kit's MSW mock (it speaks sessions) with the
// real server's frame checks.
const chat = createWebSocketMock(`${config.server}/chat/session`, {
  heartbeat: HEARTBEAT,
  onMessage(data, client) {
    const parsed = parseClientMessage(String(data))
    if (!parsed.ok) return
    const message = parsed.message
    if (message.type === 'join') {
      const { room, name } = message
      client.send(frame({ type: 'welcome', room, name, members: [name], history: [] }))
    }
    if (message.type === 'say') {
      // The server gives the line its id and names the client's ref in the copy it sends back.
      const line = { id: `s-${message.ref}`, name: 'ada', text: message.text, at: 1 }
      client.send(frame({ type: 'message', room: 'lobby', ref: message.ref, ...line }))
    }
  },
})
const server = setupServer(chat.handler)
beforeAll(() => server.listen())
afterEach(() => {
  cleanup()
  chat.reset()
})
afterAll(() => server.close())

const log = () => within(screen.getByTestId('chat-log'))
const status = () => screen.getByTestId('chat-status').textContent
const line = (id: string, text: string): string =>
  frame({ type: 'message', room: 'lobby', id, name: 'linus', text, at: 1 })
const texts = () =>
  Array.from(screen.getByTestId('chat-log').querySelectorAll('.text'), (node) => node.textContent)

async function joinAsAda(): Promise<ReturnType<typeof createManualClock>> {
  const clock = createManualClock()
  render(
    <ChatRoom config={config} options={{ timers: clock, watchNetwork: false, share: false }} />,
  )
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'ada' } })
  fireEvent.click(screen.getByRole('button', { name: 'Join' }))
  await screen.findByRole('region', { name: 'Chat room lobby' })
  await act(() => chat.waitForMessages(1))
  return clock
}

describe('ChatRoom against the mocked chat endpoint', () => {
  it('joins, shows what others say, queues while the link is down and delivers once after', async () => {
    const clock = await joinAsAda()
    expect(JSON.parse(chat.received[0]?.data ?? '')).toMatchObject({ type: 'join', name: 'ada' })

    act(() =>
      chat.send(
        frame({ type: 'message', room: 'lobby', id: 'x', name: 'linus', text: 'hi ada', at: 1 }),
      ),
    )
    await log().findByText('hi ada')

    // The JSON heartbeat is answered: a ping after the interval, no timeout after it.
    await act(() => clock.advance(config.interval))
    expect(chat.pings).toBe(1)
    await act(() => clock.advance(config.timeout))
    expect(status()).toContain('open')

    act(() => chat.dropAll())
    await waitFor(() => expect(status()).toContain('reconnecting'))
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'typed while down' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    expect(screen.getByTestId('chat-queued').textContent).toBe('1 queued')

    await act(() => clock.advance(config.minDelay))
    await act(() => chat.waitForMessages(3))
    const [, rejoin, said] = chat.received.map((m) => JSON.parse(m.data))
    expect(rejoin).toMatchObject({ type: 'join', name: 'ada' })
    expect(said).toMatchObject({ type: 'say', text: 'typed while down' })
    await log().findByText('typed while down')
    expect(screen.queryByTestId('chat-queued')).toBeNull()
    expect(chat.connections).toBe(2)
  })

  it('with a session, shows what was said while the link was down once, in order, and says resumed', async () => {
    const clock = await joinAsAda()
    await screen.findByText('Joined lobby as ada. Here: ada')
    expect(screen.getByTestId('session').textContent).toBe('new session')
    act(() => chat.dropAll())
    await waitFor(() => expect(status()).toContain('reconnecting'))
    // The server keeps what it sends to a session whose client is away, and resends it on resume.
    act(() => {
      chat.send(line('m1', 'said while you were away'))
      chat.send(line('m2', 'and this after it'))
    })
    await act(() => clock.advance(config.minDelay))
    await log().findByText('and this after it')
    expect(texts()).toEqual(['said while you were away', 'and this after it'])
    expect(screen.getByTestId('session').textContent).toBe('resumed')
    expect(screen.queryByText(/may be missing/)).toBeNull()
  })

  it('says that lines may be missing when the server had forgotten the session', async () => {
    const clock = await joinAsAda()
    await screen.findByText('Joined lobby as ada. Here: ada')
    await act(async () => {
      await chat.goAway({ forgetSessions: true })
      await chat.comeBack()
    })
    await waitFor(() => expect(status()).toContain('reconnecting'))
    await act(() => clock.advance(config.minDelay))
    await log().findByText(/new session: messages sent while you were away may be missing/)
    expect(screen.getByTestId('session').textContent).toBe('new session')
    // The room is joined again on the new session: the server welcomes us as after a restart.
    await log().findByText('Rejoined lobby as ada. Here: ada')
  })
})
