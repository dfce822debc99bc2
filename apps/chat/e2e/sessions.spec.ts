import { startProxy } from '@lifeline/testing/node'
import type { Page } from '@playwright/test'
import { audit, deadPort, expect, joinAs, shot, test } from './fixtures.js'

async function say(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message').fill(text)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(
    page.getByTestId('chat-log').locator('[data-delivery="delivered"]', { hasText: text }),
  ).toHaveCount(1)
}

/** The texts of the chat log's message lines, in order. */
const lines = (page: Page) => page.getByTestId('chat-log').locator('[data-kind="message"] .text')
const session = (page: Page) => page.getByTestId('session')

test.describe('chat room with a session', () => {
  test('a page away from the room with its link cut misses nothing: every line once, in order, and resumed', async ({
    browser,
    page,
    server,
    fail,
  }) => {
    // Ada reaches the server through a proxy that the test cuts; Linus reaches it directly.
    const proxy = await startProxy({ targetPort: server.port })
    try {
      await joinAs(page, proxy, 'ada')
      await expect(session(page)).toHaveText('new session')
      const other = await browser.newPage()
      await joinAs(other, server, 'linus')
      await expect(page.getByTestId('chat-log')).toContainText('linus joined')
      await say(other, 'before the cut')

      // Ada looks at the lab: the room's connection stays up behind it.
      await page.getByRole('button', { name: 'Connection lab' }).click()
      const connected = proxy.connections
      // Her link dies, and every new attempt is refused until the proxy forwards again.
      proxy.setTarget(await deadPort())
      proxy.dropAll()
      const missed = ['first while away', 'second while away', 'third while away']
      for (const text of missed) await say(other, text)
      await expect.poll(() => proxy.connections).toBeGreaterThan(connected)
      proxy.setTarget(server.port)

      await page.getByRole('button', { name: 'Chat room' }).click()
      await expect(session(page)).toHaveText('resumed', { timeout: 15_000 })
      await expect(lines(page)).toHaveText(['before the cut', ...missed])
      await expect(page.getByTestId('timeline')).toContainText('session resumed: nothing missed')
      await expect(page.getByTestId('chat-log')).not.toContainText('may be missing')
      // A blip is no leave for the others: the session kept Ada's place in the room.
      await expect(other.getByTestId('chat-log')).not.toContainText('ada left')
      // And her own line after the resume reaches Linus once.
      await say(page, 'back again')
      await expect(other.getByTestId('chat-log').getByText('back again')).toHaveCount(1)
      // The server acknowledges it: nothing of Ada's waits any more.
      await expect(session(page)).toHaveText('resumed')
      // The room stayed mounted behind the lab: its timeline tells the whole story.
      await expect(page.getByTestId('timeline')).toContainText('closed 1006')
      await page.screenshot({ path: shot('chat-resumed') })
      await audit(page, 'chat, session resumed')
      await other.close()
    } finally {
      await proxy.close()
    }
    expect(fail).toEqual([])
  })

  test('after a server restart the panel shows a new session and the chat says lines may be missing', async ({
    page,
    server,
    fail,
  }) => {
    await joinAs(page, server, 'grace')
    await expect(session(page)).toHaveText('new session')
    await say(page, 'before the restart')
    await server.kill()
    await expect(page.getByTestId('chat-status')).toHaveText(/reconnecting|connecting/)
    await server.restart()
    const log = page.getByTestId('chat-log')
    await expect(log).toContainText(
      'The server started a new session: messages sent while you were away may be missing.',
      { timeout: 15_000 },
    )
    await expect(session(page)).toHaveText('new session')
    // One new session at Join, one after the restart.
    await expect(
      page.getByTestId('timeline').locator('li', { hasText: 'new session' }),
    ).toHaveCount(2)
    await expect(log).toContainText('Rejoined lobby as grace')
    await say(page, 'after the restart')
    await expect(session(page)).toHaveText('new session')
    await page.screenshot({ path: shot('chat-new-session') })
    await audit(page, 'chat, new session after a server restart')
    expect(fail).toEqual([])
  })
})
