import { audit, expect, open, shot, test } from './fixtures.js'

test.describe('chat room', () => {
  test('two pages see each other, with join and leave notices', async ({
    browser,
    page,
    server,
    fail,
  }) => {
    const other = await browser.newPage()
    await open(page, server, 'Chat room')
    await open(other, server, 'Chat room')
    await audit(page, 'chat, join form')
    await page.getByLabel('Name').fill('ada')
    await page.getByRole('button', { name: 'Join' }).click()
    // Join hands the focus to the message box: typing can start at once.
    await expect(page.getByLabel('Message')).toBeFocused()
    await other.getByLabel('Name').fill('linus')
    await other.getByRole('button', { name: 'Join' }).click()
    await expect(page.getByTestId('chat-log')).toContainText('linus joined')

    await page.getByLabel('Message').fill('hi from ada')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(other.getByTestId('chat-log')).toContainText('hi from ada')
    const payload = '<img src=x onerror=alert(1)>'
    await other.getByLabel('Message').fill(payload)
    await other.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(page.getByTestId('chat-log')).toContainText(payload)
    await expect(page.getByTestId('chat-log').locator('img')).toHaveCount(0)
    // New lines arrive in a live region, so a screen reader hears them.
    await expect(page.getByRole('log', { name: 'Chat log' })).toContainText(payload)
    await page.screenshot({ path: shot('chat') })
    await audit(page, 'chat, joined with messages')

    // A closed page ends its session (pagehide): the others see the leave at once, not after ttl.
    await other.close()
    await expect(page.getByTestId('chat-log')).toContainText('linus left')
    await page.getByRole('button', { name: 'Leave' }).click()
    // Leave removes its own button: the focus goes to the form that replaces the room.
    await expect(page.getByLabel('Name')).toBeFocused()
    expect(fail).toEqual([])
  })

  test('a message typed while the server is down is queued, then delivered exactly once', async ({
    page,
    server,
  }) => {
    await open(page, server, 'Chat room')
    await page.getByLabel('Name').fill('grace')
    await page.getByRole('button', { name: 'Join' }).click()
    const log = page.getByTestId('chat-log')
    await expect(log).toContainText('grace')
    await server.kill()
    await expect(page.getByTestId('chat-status')).toHaveText(/reconnecting|connecting/)
    await page.getByLabel('Message').fill('sent while down')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(log.locator('[data-pending="true"]')).toContainText('sent while down · queued')
    // One line typed, one counted: the room's own join, waiting too, is not the user's.
    await expect(page.getByTestId('chat-queued')).toHaveText('1 queued')
    await expect(page.getByRole('status').filter({ hasText: 'queued' })).toContainText(
      /Connection (reconnecting|connecting)1 queued/,
    )
    await page.screenshot({ path: shot('chat-pending') })
    await audit(page, 'chat, a message queued while the server is down')
    await server.restart()
    await expect(page.getByTestId('chat-status')).toHaveText('open', { timeout: 15_000 })
    await expect(log.locator('[data-pending="true"]')).toHaveCount(0)
    await expect(log.getByText('sent while down', { exact: true })).toHaveCount(1)
    await expect(page.getByTestId('chat-queued')).toHaveCount(0)
    await expect(page.getByTestId('chat-news')).toHaveText('1 queued message delivered.')
    await audit(page, 'chat, delivered after the reconnect')
  })
})
