import { defineConfig } from '@playwright/test'

const reportDir = process.env['LIFELINE_REPORT_DIR']

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
    baseURL: 'http://127.0.0.1:4173',
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
    command: 'node_modules/.bin/vite preview',
    cwd: 'apps/chat',
    url: 'http://127.0.0.1:4173',
    reuseExistingServer: !process.env['CI'],
  },
})
