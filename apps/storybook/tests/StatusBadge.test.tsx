import { composeStories } from '@storybook/react-vite'
import { screen } from '@testing-library/react'
import { describe, expect } from 'vitest'
import * as stories from '../stories/StatusBadge.stories.js'
import { play, storyTests } from './harness.js'

const { story, everyStoryTested } = storyTests(composeStories(stories))

const SINGLE = {
  Idle: 'idle',
  Connecting: 'connecting',
  Open: 'open',
  Reconnecting: 'reconnecting',
  Closing: 'closing',
  Closed: 'closed',
} as const

describe('StatusBadge stories', () => {
  for (const [name, status] of Object.entries(SINGLE)) {
    story(name as keyof typeof SINGLE, async (Story) => {
      const container = await play(Story)
      const badge = container.querySelector('.badge')
      expect(badge?.textContent).toBe(status)
      expect(badge?.className).toBe(`badge badge-${status}`)
    })
  }

  story('AllStatuses', async (Story) => {
    await play(Story)
    for (const status of Object.values(SINGLE)) {
      expect(screen.getByTestId(`badge-${status}`).textContent).toBe(status)
    }
  })

  everyStoryTested()
})
