import { expect, test, type WebSocketRoute } from '@playwright/test'

// The demo chat's wire protocol, answered by the test itself: no server runs.
const HEARTBEAT = { ping: '{"type":"heartbeat"}', pong: '{"type":"heartbeat_ack"}' }

test('a message typed while the link is down goes out, once, after the reconnect', async ({
  page,
}) => {
  const sockets: WebSocketRoute[] = []
  const said: string[] = []
  await page.routeWebSocket(/\/chat$/, (socket) => {
    sockets.push(socket)
    socket.onMessage((frame) => {
      if (frame === HEARTBEAT.ping) return socket.send(HEARTBEAT.pong)
      const message = JSON.parse(String(frame))
      if (message.type === 'join') {
        const { room, name } = message
        socket.send(JSON.stringify({ type: 'welcome', room, name, members: [name], history: [] }))
      }
      if (message.type === 'say') {
        said.push(message.text)
        const line = { id: message.id, name: 'grace', text: message.text, at: Date.now() }
        socket.send(JSON.stringify({ type: 'message', room: 'lobby', ...line }))
      }
    })
  })
  // The page's timers (heartbeat, backoff) run only when the test says so.
  await page.clock.install()
  // The chat room without a session speaks plain JSON frames on /chat, which this test plays.
  await page.goto('/?server=ws://chat.example&minDelay=1000&sessions=off')
  await page.getByRole('button', { name: 'Chat room' }).click()
  await page.getByLabel('Name').fill('grace')
  await page.getByRole('button', { name: 'Join' }).click()
  await expect(page.getByTestId('chat-status')).toHaveText('open')

  // The server side goes away; the page sees the close and waits for its retry.
  await sockets[0]?.close({ code: 1001, reason: 'going away' })
  await expect(page.getByTestId('chat-status')).toHaveText('reconnecting')
  await page.getByLabel('Message').fill('typed while down')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByTestId('chat-queued')).toHaveText('1 queued')

  // One second later the retry opens a new socket: the join first, then the queued line.
  await page.clock.runFor(1_000)
  await expect(page.getByTestId('chat-status')).toHaveText('open')
  await expect(page.getByTestId('chat-log')).toContainText('typed while down')
  await expect(page.getByTestId('chat-queued')).toHaveCount(0)
  expect(sockets).toHaveLength(2)
  expect(said).toEqual(['typed while down'])
})
