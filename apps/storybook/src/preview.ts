import type { Preview } from '@storybook/react-vite'

/**
 * The project annotations: shared by Storybook (`.storybook/preview.ts`, which adds the CSS) and
 * the story tests (`setProjectAnnotations` in `tests/setup.ts`), so both render stories the same.
 */
export const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'requiredFirst' },
    docs: { toc: true },
  },
}
