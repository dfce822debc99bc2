import { expect, userEvent, waitFor, within } from 'storybook/test'

/**
 * How long a play function waits for a state, in ms: longer than any timer the stories arm before
 * the state they show (the slowest is a 1 s heartbeat), short enough to fail fast.
 */
export const PLAY_TIMEOUT = 5_000

/**
 * The steps of a play function, over one story's canvas. Built on `canvasElement` with the helpers
 * of `storybook/test` rather than the context's `canvas` and `userEvent`, so the same play runs in
 * Storybook and, through `composeStories`, under vitest in jsdom (where Storybook cannot set up
 * `userEvent` for the context: jsdom has no clipboard).
 */
export function steps(canvasElement: HTMLElement) {
  const canvas = within(canvasElement)
  return {
    canvas,
    /** Clicks the button named exactly `name`. */
    press: (name: string) => userEvent.click(canvas.getByRole('button', { name })),
    /** Types `text` into the field labelled `label` and presses Enter. */
    submit: async (label: string, text: string) => {
      const field = canvas.getByLabelText(label)
      await userEvent.clear(field)
      await userEvent.type(field, `${text}{Enter}`)
    },
    /** Waits until the element with `data-testid=testId` shows `text` (a substring or a pattern). */
    shows: (testId: string, text: string | RegExp) =>
      waitFor(() => expect(canvas.getByTestId(testId)).toHaveTextContent(text), {
        timeout: PLAY_TIMEOUT,
      }),
  }
}
