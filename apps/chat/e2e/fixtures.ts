import { mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test as base, expect, type Page } from '@playwright/test'
import { type ChatServerProcess, startChatServer } from './chatServer.js'

export { audit } from './audit.js'

/** Heartbeat and backoff the demo runs with in these tests (query parameters of the page). */
export const timing = { interval: 1_000, timeout: 1_000, minDelay: 500 }

/**
 * Where a screenshot goes: the README's `docs/screenshots/` only when asked for with
 * `UPDATE_SCREENSHOTS=1`, else `test-results/screenshots/` (ignored by git), so a test run
 * leaves the tracked files as they were.
 */
export function shot(name: string): string {
  const folder = process.env['UPDATE_SCREENSHOTS'] === '1' ? 'docs' : 'test-results'
  const path = fileURLToPath(new URL(`../../../${folder}/screenshots/${name}.png`, import.meta.url))
  mkdirSync(dirname(path), { recursive: true })
  return path
}

/** Each test gets its own real chat server process, killed afterwards. */
export const test = base.extend<{ server: ChatServerProcess; fail: string[] }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring.
  server: async ({}, use) => {
    const server = await startChatServer()
    await use(server)
    await server.kill()
  },
  // Page errors and dialogs (an XSS payload that ran) are collected and must stay empty.
  fail: async ({ page }, use) => {
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`)
      void dialog.dismiss()
    })
    await use(problems)
    expect(problems).toEqual([])
  },
})

export { expect }

/** Opens the demo against `server` (any `ws://` base URL), with the test timings. */
export async function open(
  page: Page,
  server: Pick<ChatServerProcess, 'url'>,
  tab?: 'Chat room',
): Promise<void> {
  const q = new URLSearchParams({
    server: server.url,
    interval: String(timing.interval),
    timeout: String(timing.timeout),
    minDelay: String(timing.minDelay),
  })
  await page.goto(`/?${q}`)
  if (tab) await page.getByRole('button', { name: tab }).click()
}

/** Opens the chat room of the demo against `server` (or a proxy to it) and joins the lobby as `name`. */
export async function joinAs(
  page: Page,
  server: Pick<ChatServerProcess, 'url'>,
  name: string,
): Promise<void> {
  await open(page, server, 'Chat room')
  await page.getByLabel('Name').fill(name)
  await page.getByRole('button', { name: 'Join' }).click()
}

/** The lab's status text. */
export const status = (page: Page) => page.getByTestId('status')

/** Opens the lab against `server` and connects: the start of most lab tests. */
export async function openConnected(page: Page, server: ChatServerProcess): Promise<void> {
  await open(page, server)
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(status(page)).toHaveText('open')
}

/** A port with nothing listening on it: every attempt is refused at once. */
export async function deadPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const address = probe.address()
  await new Promise((resolve) => probe.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}
