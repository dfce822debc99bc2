import { defaultClientConditions, defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

const resolve = { conditions: ['@lifeline/source', ...defaultClientConditions] }
const ssr = { resolve: { conditions: ['@lifeline/source', ...defaultServerConditions] } }
const reportDir = process.env['LIFELINE_REPORT_DIR']

export default defineConfig({
  test: {
    reporters: reportDir ? ['default', 'json'] : ['default'],
    ...(reportDir ? { outputFile: { json: `${reportDir}/vitest.json` } } : {}),
    projects: [
      {
        resolve,
        ssr,
        test: {
          name: 'core',
          environment: 'node',
          include: ['packages/core/src/**/*.test.ts', 'packages/core/tests/**/*.test.ts'],
          testTimeout: 15_000,
        },
      },
      {
        resolve,
        ssr,
        test: {
          name: 'test-utils',
          environment: 'node',
          include: ['packages/test-utils/src/**/*.test.ts'],
        },
      },
    ],
  },
})
