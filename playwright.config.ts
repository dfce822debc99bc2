import { defineConfig } from '@playwright/test'

const reportDir = process.env['LIFELINE_REPORT_DIR']

/**
 * The port of the demo's preview. `scripts/e2e.mjs` (what `test`, `e2e` and CI run) picks a free
 * one, since other previews may run on the machine; 4173, Vite's own, for a bare `playwright test`.
 */
const port = Number(process.env['LIFELINE_E2E_PORT'] ?? 4173)
const baseURL = `http://127.0.0.1:${port}`

/** Debian's Chromium: a test tool's own browser download cannot work on every machine we run on. */
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'apps/chat/e2e',
  workers: 1,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: reportDir ? [['line'], ['json', { outputFile: `${reportDir}/e2e.json` }]] : [['line']],
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // Not `pnpm …`: the command must not depend on pnpm being on PATH.
    command: `node_modules/.bin/vite preview --port ${port} --strictPort`,
    cwd: 'apps/chat',
    url: baseURL,
    reuseExistingServer: !process.env['CI'],
  },
})
