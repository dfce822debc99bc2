import { composeStories } from '@storybook/react-vite'
import { screen } from '@testing-library/react'
import { describe, expect } from 'vitest'
import * as stories from '../stories/LabPage.stories.js'
import { play, sleep, storyTests, text } from './harness.js'

const { story, everyStoryTested } = storyTests(composeStories(stories))
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement
const logLines = () =>
  [...screen.getByTestId('log').querySelectorAll('li')].map((li) => li.textContent)

describe('LabPage stories (the lab on the real hook and core)', () => {
  story('Idle', async (Story) => {
    await play(Story)
    await sleep(100)
    expect(text('status')).toBe('idle')
    expect(button('Connect').disabled).toBe(false)
    expect(button('Send').disabled).toBe(true)
    expect(text('sockets-made')).toBe('0')
  })

  story('Connecting', async (Story) => {
    await play(Story)
    expect(text('status')).toBe('connecting')
    expect(text('attempt')).toBe('1')
    expect(button('Connect').disabled).toBe(true)
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
    expect(text('countdown')).toMatch(/^retry in [2-5]\.\d s$/)
    expect(text('timeline')).toContain('retry #4 in 5.0 s')
  })

  story('HeartbeatTimeout', async (Story) => {
    await play(Story)
    expect(text('timeline')).toContain('heartbeat timeout')
    expect(text('last-close')).toBe('1006 heartbeat timeout (unclean)')
    expect(text('status')).not.toBe('open')
  })

  story('Offline', async (Story) => {
    await play(Story)
    expect(text('network')).toBe('offline')
    expect(text('status')).toBe('reconnecting')
    expect(text('countdown')).toBe('—')
  })

  story('ClosedByUser', async (Story) => {
    await play(Story)
    expect(text('status')).toBe('closed')
    expect(text('last-close')).toBe('1000')
    expect(button('Connect').disabled).toBe(false)
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
