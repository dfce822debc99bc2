import { startBlackHole } from '@lifeline/testing/node'
import type { Page } from '@playwright/test'
import { audit, deadPort, expect, open, status, test, timing } from './fixtures.js'

/**
 * The lab's buttons in each status, from the classic WebSocket test page (Connect while there is
 * no connection, Send while open) and the rule that a retry loop can always be stopped: Close
 * (named Stop while an attempt or a retry is pending) in every status but idle and closed.
 * `closing` needs nothing stopped (the close is under way) and lets Connect start again at once.
 */
const EXPECTED: Record<string, Record<string, boolean>> = {
  idle: { Connect: true, Close: false, Send: false },
  connecting: { Connect: false, Stop: true, Send: false },
  open: { Connect: false, Close: true, Send: true },
  reconnecting: { Connect: false, Stop: true, Send: false },
  closing: { Connect: true, Close: false, Send: false },
  closed: { Connect: true, Close: false, Send: false },
}

/**
 * The lab's buttons (label → pressable) read in the page in the same frame as a status of
 * `wanted`: some statuses last less than a second (`closing`, a refused `connecting`).
 */
async function buttonsWhen(page: Page, wanted: string): Promise<Record<string, boolean>> {
  const handle = await page.waitForFunction(
    (name) => {
      if (document.querySelector('[data-testid="status"]')?.textContent !== name) return null
      const buttons = document.querySelectorAll('[aria-label="Connection lab"] button')
      return Object.fromEntries(
        [...buttons].map((b) => [
          b.textContent?.trim(),
          b.getAttribute('aria-disabled') !== 'true',
        ]),
      )
    },
    wanted,
    { polling: 'raf', timeout: 15_000 },
  )
  return (await handle.jsonValue()) as Record<string, boolean>
}

const connectTo = async (page: Page, url: string): Promise<void> => {
  await page.getByLabel('URL').fill(url)
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
}

test.describe('connection lab buttons', () => {
  test('follow the status in every status, and Stop ends any retry loop', async ({
    page,
    server,
    fail,
  }) => {
    await open(page, server)
    expect(await buttonsWhen(page, 'idle')).toEqual(EXPECTED['idle'])
    // Playwright's own reading of the same thing: aria-disabled counts as disabled.
    await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled()
    await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled()

    // A handshake that never completes: `connecting` until Stop.
    const hole = await startBlackHole()
    try {
      await connectTo(page, hole.url)
      expect(await buttonsWhen(page, 'connecting')).toEqual(EXPECTED['connecting'])
      await audit(page, 'lab, connecting')
      await page.getByRole('button', { name: 'Stop', exact: true }).click()
      expect(await buttonsWhen(page, 'closed')).toEqual(EXPECTED['closed'])
      await page.waitForTimeout(timing.minDelay * 3)
      await expect(status(page)).toHaveText('closed')
      expect(hole.connections).toBe(1)
    } finally {
      await hole.close()
    }

    // A dead URL: refused at once, retried with backoff, for ever, until Stop.
    await connectTo(page, `ws://127.0.0.1:${await deadPort()}/lab`)
    expect(await buttonsWhen(page, 'reconnecting')).toEqual(EXPECTED['reconnecting'])
    // The loop runs (each refusal is another attempt) until Stop.
    await expect(page.getByTestId('attempt')).toHaveText(/^[2-9]$/, { timeout: 5_000 })
    expect(await buttonsWhen(page, 'reconnecting')).toEqual(EXPECTED['reconnecting'])
    await audit(page, 'lab, reconnecting to a dead URL')
    await page.getByRole('button', { name: 'Stop', exact: true }).click()
    await expect(status(page)).toHaveText('closed')
    const attempts = await page.getByTestId('attempt').textContent()
    await page.waitForTimeout(timing.minDelay * 4)
    await expect(status(page)).toHaveText('closed')
    await expect(page.getByTestId('attempt')).toHaveText(attempts ?? '')
    await expect(page.getByTestId('countdown')).toHaveText('—')

    // The real server: open, then a close the frozen server never answers (`closing`, ≤ 1 s).
    await connectTo(page, `${server.url}/lab`)
    expect(await buttonsWhen(page, 'open')).toEqual(EXPECTED['open'])
    server.pause()
    await page.getByRole('button', { name: 'Close', exact: true }).click()
    expect(await buttonsWhen(page, 'closing')).toEqual(EXPECTED['closing'])
    expect(await buttonsWhen(page, 'closed')).toEqual(EXPECTED['closed'])
    server.resume()
    // Focus never dropped to the page when a pressed button became unpressable.
    await expect(page.getByRole('button', { name: 'Close', exact: true })).toBeFocused()
    expect(fail).toEqual([])
  })

  test('a URL that is not ws:// is refused beside its field', async ({ page, server }) => {
    await open(page, server)
    const field = page.getByLabel('URL')
    await field.fill('http//typo')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    const error = page.getByRole('alert')
    await expect(error).toHaveText('Enter an absolute ws:// or wss:// URL.')
    await expect(field).toHaveAttribute('aria-invalid', 'true')
    await expect(field).toHaveAccessibleDescription('Enter an absolute ws:// or wss:// URL.')
    await expect(field).toBeFocused()
    await expect(status(page)).toHaveText('idle')
    await audit(page, 'lab, URL refused')
  })
})
