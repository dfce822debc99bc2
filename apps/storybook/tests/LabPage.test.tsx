import { composeStories } from '@storybook/react-vite'
import { fireEvent, screen } from '@testing-library/react'
import { describe, expect } from 'vitest'
import * as stories from '../stories/LabPage.stories.js'
import { play, sleep, storyTests, text } from './harness.js'

const { story, everyStoryTested } = storyTests(composeStories(stories))
const button = (name: string) => screen.getByRole('button', { name })
/** The lab's buttons are dimmed with `aria-disabled` (they keep the focus), not `disabled`. */
const enabled = (name: string) => button(name).getAttribute('aria-disabled') !== 'true'
const logLines = () =>
  [...screen.getByTestId('log').querySelectorAll('li')].map((li) => li.textContent)

describe('LabPage stories (the lab on the real hook and core)', () => {
  story('Idle', async (Story) => {
    await play(Story)
    await sleep(100)
    expect(text('status')).toBe('idle')
    expect(enabled('Connect')).toBe(true)
    expect(enabled('Send')).toBe(false)
    expect(enabled('Close')).toBe(false)
    expect(text('sockets-made')).toBe('0')
  })

  story('Connecting', async (Story) => {
    await play(Story)
    expect(text('status')).toBe('connecting')
    expect(text('attempt')).toBe('1')
    expect(enabled('Connect')).toBe(false)
    // A hanging attempt can be stopped.
    expect(enabled('Stop')).toBe(true)
  })

  story('OpenWithEcho', async (Story) => {
    await play(Story)
    expect(text('status')).toBe('open')
    expect(logLines()).toEqual(['→ hello', '← hello'])
    expect(text('latency')).toMatch(/^\d+ ms$/)
  })

  story('ReconnectingAttempt3', async (Story) => {
    await play(Story)
    expect(text('status')).toBe('reconnecting')
    expect(text('attempt')).toBe('3')
    expect(text('max-attempts')).toBe('5')
    expect(text('countdown')).toMatch(/^attempt 4 in [2-5]\.\d s$/)
    expect(text('timeline')).toContain('retry: attempt 4 in 5.0 s')
    // Stop ends the retry loop: closed, and no socket is made however long one waits.
    expect(enabled('Stop')).toBe(true)
    fireEvent.click(button('Stop'))
    await sleep(100)
    expect(text('status')).toBe('closed')
    expect(text('countdown')).toBe('—')
    const made = text('sockets-made')
    await sleep(700)
    expect(text('sockets-made')).toBe(made)
    expect(enabled('Connect')).toBe(true)
    expect(enabled('Close')).toBe(false)
  })

  story('HeartbeatTimeout', async (Story) => {
    await play(Story)
    expect(text('timeline')).toContain('heartbeat timeout')
    expect(text('last-close')).toBe('1006 heartbeat timeout (unclean)')
    expect(text('status')).not.toBe('open')
  })

  story('Offline', async (Story) => {
    await play(Story)
    expect(text('network')).toBe('offline: retries paused')
    expect(text('status')).toBe('reconnecting')
    expect(text('countdown')).toBe('paused while offline')
    expect(text('timeline')).toContain('went offline')
  })

  story('ClosedByUser', async (Story) => {
    await play(Story)
    expect(text('status')).toBe('closed')
    expect(text('last-close')).toBe('1000')
    expect(enabled('Connect')).toBe(true)
    expect(enabled('Send')).toBe(false)
  })

  story('ClosedByPolicy', async (Story) => {
    await play(Story)
    await sleep(700)
    expect(text('status')).toBe('closed')
    expect(text('last-close')).toBe('1008 policy violation')
    expect(text('countdown')).toBe('—')
    expect(text('sockets-made')).toBe('1')
  })

  story('Burst', async (Story) => {
    await play(Story)
    const received = logLines().filter((line) => line?.startsWith('← burst'))
    expect(received).toHaveLength(100)
    expect(received.at(0)).toBe('← burst 1/100')
    expect(received.at(-1)).toBe('← burst 100/100')
  })

  everyStoryTested()
})
