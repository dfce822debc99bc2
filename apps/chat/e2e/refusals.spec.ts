import { expect, joinAs, test } from './fixtures.js'

test.describe('chat room refusals', () => {
  test('a look-alike name is refused, and a line sent anyway shows as not delivered, never pending', async ({
    browser,
    page,
    server,
    fail,
  }) => {
    await joinAs(page, server, 'ada')
    await expect(page.getByTestId('chat-log')).toContainText('Joined lobby as ada')
    // "Ada" with a Cyrillic А: the same name to a reader.
    const other = await browser.newPage()
    await joinAs(other, server, 'Аda')
    const log = other.getByTestId('chat-log')
    await expect(log).toContainText(
      'Server refused: someone in lobby is already called that (name-taken)',
    )

    await other.getByLabel('Message').fill('am I in?')
    await other.getByRole('button', { name: 'Send', exact: true }).click()
    const line = log.locator('[data-kind="message"]', { hasText: 'am I in?' })
    await expect(line).toHaveAttribute('data-delivery', 'refused')
    await expect(line).toContainText('not delivered: join a room before saying anything')
    await expect(log.locator('[data-pending="true"]')).toHaveCount(0)
    await expect(page.getByTestId('chat-log')).not.toContainText('am I in?')
    await other.close()
    expect(fail).toEqual([])
  })
})
