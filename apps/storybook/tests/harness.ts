import { render, screen } from '@testing-library/react'
import { createElement, type FunctionComponent } from 'react'
import { expect, it } from 'vitest'

/** A story from `composeStories`: a component with its play function, if it has one. */
export interface ComposedStory extends FunctionComponent {
  play?: ((context?: { canvasElement?: HTMLElement }) => Promise<void>) | undefined
}

/** Renders a composed story in jsdom and runs its play function, as Storybook does. */
export async function play(Story: ComposedStory): Promise<HTMLElement> {
  const { container } = render(createElement(Story))
  await Story.play?.({ canvasElement: container })
  return container
}

/** The text of the element with `data-testid=testId`. */
export const text = (testId: string): string => screen.getByTestId(testId).textContent ?? ''

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * `it` for one story of `stories`, named after it; `everyStoryTested()` then fails when a story
 * was added without a test, so every story keeps at least one assertion.
 */
export function storyTests<K extends string>(stories: Record<K, ComposedStory>) {
  const tested = new Set<string>()
  return {
    story(name: K, check: (Story: ComposedStory) => Promise<void>): void {
      tested.add(name)
      it(name, () => check(stories[name]))
    },
    everyStoryTested(): void {
      it('has a test for every story', () => {
        expect([...tested].sort()).toEqual(Object.keys(stories).sort())
      })
    },
  }
}
