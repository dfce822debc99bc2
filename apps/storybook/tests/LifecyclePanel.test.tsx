import { composeStories } from '@storybook/react-vite'
import { screen, within } from '@testing-library/react'
import { describe, expect } from 'vitest'
import * as stories from '../stories/LifecyclePanel.stories.js'
import { play, sleep, storyTests, text } from './harness.js'

const { story, everyStoryTested } = storyTests(composeStories(stories))
const timeline = () => text('timeline')

describe('LifecyclePanel stories (real hook and core over the fake WebSocket)', () => {
  story('Idle', async (Story) => {
    await play(Story)
    await sleep(100)
    expect(text('status')).toBe('idle')
    expect(text('attempt')).toBe('0')
    expect(text('countdown')).toBe('—')
    expect(text('sockets-made')).toBe('0')
    expect(within(screen.getByTestId('timeline')).queryAllByRole('listitem')).toHaveLength(0)
  })

  story('Connecting', async (Story) => {
    await play(Story)
    expect(text('status')).toBe('connecting')
    expect(text('attempt')).toBe('1')
    expect(text('server-mode')).toBe('frozen')
    expect(timeline()).toContain('connecting (attempt 1)')
  })

  story('OpenWithLatency', async (Story) => {
    await play(Story)
    expect(text('status')).toBe('open')
    // The fake server answers in 40 ms: the measured round trip cannot be shorter.
    expect(Number.parseInt(text('latency'), 10)).toBeGreaterThanOrEqual(35)
    expect(timeline()).toMatch(/pong \(\d+ ms\)/)
    expect(text('last-error')).toBe('—')
  })

  story('ReconnectingAttempt3', async (Story) => {
    await play(Story)
    expect(text('status')).toBe('reconnecting')
    expect(text('attempt')).toBe('3')
    expect(text('attempt-of')).toBe('3 of 5')
    expect(text('max-attempts')).toBe('5')
    // Attempt 3 failed; the countdown and the timeline both name the next one attempt 4.
    expect(text('countdown')).toMatch(/^attempt 4 in [2-5]\.\d s$/)
    expect(timeline()).toContain('retry: attempt 4 in 5.0 s')
    expect(timeline()).not.toMatch(/attempt 5/)
    expect(text('last-close')).toBe('1006 (unclean)')
    expect(text('sockets-made')).toBe('3')
  })

  story('HeartbeatTimeout', async (Story) => {
    await play(Story)
    expect(timeline()).toContain('heartbeat timeout')
    expect(text('last-close')).toBe('1006 heartbeat timeout (unclean)')
    expect(text('last-error')).toMatch(/^heartbeat-timeout: /)
    expect(text('status')).not.toBe('open')
    // Pongs came before the freeze; that round trip belongs to a link that is gone.
    expect(timeline()).toMatch(/pong \(\d+ ms\)/)
    expect(text('latency')).toMatch(/^\d+ ms \(last known\)$/)
  })

  story('Offline', async (Story) => {
    await play(Story)
    expect(text('network')).toBe('offline: retries paused')
    expect(text('network-mode')).toBe('offline')
    expect(text('status')).toBe('reconnecting')
    // Offline pauses retries: no countdown, and no new socket however long it lasts.
    expect(text('countdown')).toBe('paused while offline')
    expect(timeline()).toMatch(/went offline: .*retries paused/)
    expect(text('latency')).not.toMatch(/^\d+ ms$/)
    await sleep(700)
    expect(text('sockets-made')).toBe('1')
  })

  story('ClosedByUser', async (Story) => {
    await play(Story)
    expect(text('status')).toBe('closed')
    expect(text('last-close')).toBe('1000')
    expect(text('countdown')).toBe('—')
    expect(text('latency')).not.toMatch(/^\d+ ms$/)
    await sleep(700)
    expect(text('status')).toBe('closed')
    expect(text('sockets-made')).toBe('1')
  })

  story('ClosedByPolicy', async (Story) => {
    await play(Story)
    expect(text('status')).toBe('closed')
    expect(text('last-close')).toBe('1008 policy violation')
    expect(text('countdown')).toBe('—')
    await sleep(700)
    expect(text('status')).toBe('closed')
    expect(text('sockets-made')).toBe('1')
  })

  story('QueueOverflow', async (Story) => {
    await play(Story)
    expect(text('dropped')).toBe('15')
    expect(text('queued')).toBe('5')
    expect(timeline()).toContain('error queue-overflow')
  })

  story('BadJson', async (Story) => {
    await play(Story)
    expect(text('last-error')).toMatch(/^parse: /)
    expect(text('status')).toBe('open')
    expect(text('received')).toBe('1')
  })

  story('Playground', async (Story) => {
    await play(Story)
    expect(text('status')).toBe('open')
    for (const name of ['Kill link', 'Freeze', 'Burst', 'Connect', 'Disconnect', 'Send 20']) {
      expect(screen.getByRole('button', { name })).toBeDefined()
    }
  })

  everyStoryTested()
})
