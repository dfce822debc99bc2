import { composeStories } from '@storybook/react-vite'
import { screen, waitFor } from '@testing-library/react'
import { describe, expect } from 'vitest'
import * as stories from '../stories/ChatRoom.stories.js'
import { play, sleep, storyTests, text } from './harness.js'

const { story, everyStoryTested } = storyTests(composeStories(stories))

/** The chat log's messages as `text → delivery`. */
const messages = () =>
  [...screen.getByTestId('chat-log').querySelectorAll('[data-kind="message"]')].map(
    (li) => `${li.querySelector('.text')?.textContent} → ${li.getAttribute('data-delivery')}`,
  )

describe('ChatRoom stories (the chat on the real hook and core)', () => {
  story('JoinForm', async (Story) => {
    await play(Story)
    await sleep(100)
    expect(screen.getByRole('heading', { name: 'Join a room' })).toBeDefined()
    expect(text('sockets-made')).toBe('0')
  })

  story('Joined', async (Story) => {
    await play(Story)
    expect(text('chat-status')).toBe('open')
    await waitFor(() => expect(messages()).toContain('hello → delivered'))
  })

  story('PendingWhileDown', async (Story) => {
    await play(Story)
    expect(text('chat-status')).toMatch(/reconnecting|connecting/)
    expect(messages()).toContain('sent while down → pending')
    // What the user queued: the room's own frames (its join) are not the user's to count.
    expect(text('chat-queued')).toBe('1 queued')
    expect(screen.getByTestId('chat-log').textContent).toContain('sent while down · queued')
  })

  story('DeliveredAfterReconnect', async (Story) => {
    await play(Story)
    expect(text('chat-status')).toBe('open')
    await waitFor(() => expect(messages()).toContain('sent while down → delivered'))
    expect(messages().filter((m) => m.startsWith('sent while down'))).toHaveLength(1)
    expect(screen.queryByTestId('chat-queued')).toBeNull()
    await waitFor(() => expect(text('chat-news')).toBe('1 queued message delivered.'))
  })

  story('QueueOverflow', async (Story) => {
    await play(Story)
    const pending = messages().filter((m) => m.endsWith('→ pending'))
    const dropped = messages().filter((m) => m.endsWith('→ dropped'))
    // The room's join is its hello, not a queued message: the queue holds the user's lines only.
    expect(dropped).toEqual(['typed while down 4 → dropped', 'typed while down 5 → dropped'])
    expect(pending).toHaveLength(3)
    // The header counts exactly the user's waiting lines.
    expect(text('chat-queued')).toBe('3 queued')
    expect(text('chat-news')).toMatch(/not sent: the queue is full\.$/)
  })

  story('HeartbeatTimeout', async (Story) => {
    await play(Story)
    expect(text('chat-status')).toMatch(/reconnecting|connecting/)
    expect(text('server-mode')).toBe('frozen')
  })

  story('Offline', async (Story) => {
    await play(Story)
    expect(text('chat-status')).toBe('reconnecting')
    expect(text('network-mode')).toBe('offline')
    expect(messages()).toContain('typed offline → pending')
    expect(text('chat-queued')).toBe('1 queued')
  })

  story('ClosedByPolicy', async (Story) => {
    await play(Story)
    await sleep(400)
    expect(text('chat-status')).toBe('closed')
    expect(text('sockets-made')).toBe('1')
  })

  story('Burst', async (Story) => {
    await play(Story)
    const fromBot = [...screen.getByTestId('chat-log').querySelectorAll('.name')].filter(
      (name) => name.textContent === 'bot:',
    )
    expect(fromBot).toHaveLength(100)
  })

  story('BadJson', async (Story) => {
    await play(Story)
    expect(text('chat-status')).toBe('open')
    // Only the welcome notice and the resident's greeting: the bad frame added nothing.
    expect(screen.getByTestId('chat-log').querySelectorAll('li')).toHaveLength(2)
  })

  story('SessionResumed', async (Story) => {
    await play(Story)
    expect(text('chat-status')).toBe('open')
    expect(text('session')).toBe('resumed')
    expect(text('sockets-made')).toBe('2')
    // The session was held: the server's join answer (a welcome) came once, no "Rejoined".
    expect(screen.getByTestId('chat-log').textContent).not.toContain('Rejoined')
    expect(screen.getByTestId('chat-log').textContent).not.toContain('may be missing')
  })

  story('NewSessionAfterRestart', async (Story) => {
    await play(Story)
    expect(text('session')).toBe('new session')
    expect(text('chat-log')).toContain('may be missing')
    // The new session joins the room again: the fake server welcomes it as a newcomer.
    await waitFor(() => expect(text('chat-log')).toContain('Rejoined lobby as grace'))
  })

  everyStoryTested()
})
