import type { StorybookConfig } from '@storybook/react-vite'
import { defaultClientConditions, mergeConfig } from 'vite'

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The packages run from their source (the `@lifeline/source` export condition): no build first.
  viteFinal: (vite) =>
    mergeConfig(vite, {
      resolve: { conditions: ['@lifeline/source', ...defaultClientConditions] },
    }),
}

export default config
