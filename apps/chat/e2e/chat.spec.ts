import { expect, open, shot, test } from './fixtures.js'

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
    await page.getByLabel('Name').fill('ada')
    await page.getByRole('button', { name: 'Join' }).click()
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
    await page.screenshot({ path: shot('chat') })

    await other.close()
    await expect(page.getByTestId('chat-log')).toContainText('linus left')
    expect(fail).toEqual([])
  })

  test('a message typed while the server is down is pending, then delivered exactly once', async ({
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
    await expect(log.locator('[data-pending="true"]')).toContainText('sent while down')
    await page.screenshot({ path: shot('chat-pending') })
    await server.restart()
    await expect(page.getByTestId('chat-status')).toHaveText('open', { timeout: 15_000 })
    await expect(log.locator('[data-pending="true"]')).toHaveCount(0)
    await expect(log.getByText('sent while down', { exact: true })).toHaveCount(1)
  })
})
