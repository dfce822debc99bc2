import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defaultClientConditions, defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

const source = '@lifeline/source'
const resolve = { conditions: [source, ...defaultClientConditions] }
const ssr = { resolve: { conditions: [source, ...defaultServerConditions] } }
const reportDir = process.env['LIFELINE_REPORT_DIR']
const local = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// jsdom tests start real ws servers in the same process: `ws` must resolve to its Node build, not
// the browser stub its `browser` condition points at.
const nodeWs = { find: /^ws$/, replacement: local('node_modules/ws/wrapper.mjs') }

/** A package of React 18's own install (tests/react18), whose peers resolve to React 18 too. */
const react18 = (path: string) => local(`tests/react18/node_modules/${path}`)

/** The React package's tests, against one React major. */
function reactProject(name: string, aliases: Array<{ find: RegExp; replacement: string }> = []) {
  return {
    plugins: [react()],
    resolve: { ...resolve, alias: [nodeWs, ...aliases] },
    ssr,
    test: {
      name,
      environment: 'jsdom',
      env: { REACT_MAJOR: name.replace('react', '') },
      include: ['packages/react/tests/**/*.test.{ts,tsx}', 'packages/react/src/**/*.test.{ts,tsx}'],
      testTimeout: 15_000,
    },
  }
}

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
          name: 'server',
          environment: 'node',
          include: ['packages/server/src/**/*.test.ts', 'packages/server/tests/**/*.test.ts'],
          testTimeout: 15_000,
        },
      },
      {
        resolve,
        ssr,
        test: {
          name: 'chat-server',
          environment: 'node',
          include: [
            'apps/chat/server/**/*.test.ts',
            'apps/chat/src/**/*.test.ts',
            'apps/chat/scripts/**/*.test.ts',
          ],
          testTimeout: 15_000,
        },
      },
      {
        plugins: [react()],
        resolve,
        ssr,
        test: {
          name: 'chat-components',
          environment: 'jsdom',
          include: ['apps/chat/src/**/*.test.tsx'],
          testTimeout: 15_000,
        },
      },
      {
        resolve,
        ssr,
        test: { name: 'bench', environment: 'node', include: ['bench/src/**/*.test.ts'] },
      },
      {
        resolve,
        ssr,
        test: { name: 'scripts', environment: 'node', include: ['scripts/**/*.test.ts'] },
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
      {
        resolve,
        ssr,
        test: {
          name: 'testing',
          environment: 'node',
          include: [
            'packages/testing/tests/**/*.test.ts',
            'packages/testing/examples/**/*.test.ts',
          ],
          testTimeout: 15_000,
        },
      },
      {
        plugins: [react()],
        resolve,
        ssr,
        test: {
          name: 'testing-dom',
          environment: 'jsdom',
          include: [
            'packages/testing/tests/**/*.test.tsx',
            'packages/testing/examples/**/*.test.tsx',
          ],
          testTimeout: 15_000,
        },
      },
      reactProject('react19'),
      reactProject('react18', [
        { find: /^react$/, replacement: react18('react') },
        { find: /^react\/(.*)$/, replacement: react18('react/$1') },
        { find: /^react-dom$/, replacement: react18('react-dom') },
        { find: /^react-dom\/(.*)$/, replacement: react18('react-dom/$1') },
        { find: /^@testing-library\/react$/, replacement: react18('@testing-library/react') },
      ]),
      {
        plugins: [react()],
        resolve: { ...resolve, alias: [nodeWs] },
        ssr,
        test: {
          name: 'storybook',
          environment: 'jsdom',
          include: ['apps/storybook/**/*.test.tsx'],
          setupFiles: ['apps/storybook/tests/setup.ts'],
          testTimeout: 15_000,
        },
      },
    ],
  },
})
