import { composeStories } from '@storybook/react-vite'
import { screen } from '@testing-library/react'
import { describe, expect } from 'vitest'
import * as stories from '../stories/MessageLog.stories.js'
import { play, storyTests } from './harness.js'

const { story, everyStoryTested } = storyTests(composeStories(stories))
const lines = () => [...screen.getByTestId('log').querySelectorAll('li')]

describe('MessageLog stories', () => {
  story('Empty', async (Story) => {
    await play(Story)
    expect(lines()).toHaveLength(0)
  })

  story('Exchange', async (Story) => {
    await play(Story)
    expect(lines().map((li) => li.textContent)).toEqual([
      '→ hello',
      '← hello',
      '→ still there? (queued)',
      '→ one too many (dropped)',
      '← [binary, 16 bytes]',
      '← {bad',
    ])
    expect(lines().map((li) => li.className)).toEqual([
      'log-out',
      'log-in',
      'log-out',
      'log-out',
      'log-in',
      'log-in',
    ])
  })

  story('Burst', async (Story) => {
    await play(Story)
    expect(lines()).toHaveLength(100)
    expect(lines().at(-1)?.textContent).toBe('← burst 100/100')
  })

  everyStoryTested()
})
