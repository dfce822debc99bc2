import { holdPort, startDevScript } from './devScript.js'
import { audit, expect, shot, status, test, timing } from './fixtures.js'

test.describe('pnpm dev', () => {
  test('moves off taken ports, tells the page, and kills, freezes and restarts the server while the page stays up', async ({
    page,
    request,
  }) => {
    test.setTimeout(90_000)
    // Both default ports taken, as by another program or a second demo.
    const takenServer = await holdPort()
    const takenApp = await holdPort()
    const dev = await startDevScript({
      PORT: String(takenServer.port),
      APP_PORT: String(takenApp.port),
    })
    try {
      expect(dev.output()).toContain(`(${takenServer.port} was taken)`)
      expect(dev.output()).toContain(`(${takenApp.port} was taken)`)
      expect(dev.server).not.toContain(`:${takenServer.port}`)
      expect(dev.page).not.toContain(`:${takenApp.port}`)

      // No ?server=: the page dials where the script said the server really is.
      const q = new URLSearchParams({
        interval: String(timing.interval),
        timeout: String(timing.timeout),
        minDelay: String(timing.minDelay),
      })
      await page.goto(`${dev.page}?${q}`)
      await expect(page.getByTestId('page-server')).toHaveText(dev.server)
      const state = page.getByTestId('dev-server-state')
      await expect(state).toHaveText('running')
      await expect(page.getByTestId('dev-server-url')).toHaveText(dev.server)
      await page.getByRole('button', { name: 'Connect', exact: true }).click()
      await expect(status(page)).toHaveText('open')
      await audit(page, 'dev page, server running')

      await page.getByRole('button', { name: 'Kill', exact: true }).click()
      await expect(state).toHaveText('stopped')
      await expect(status(page)).toHaveText(/reconnecting|connecting/)
      // Vite is still up while the server is gone.
      expect((await request.get(dev.page)).status()).toBe(200)
      await page.screenshot({ path: shot('dev-server-killed') })
      await audit(page, 'dev page, server killed')

      await page.getByRole('button', { name: 'Restart', exact: true }).click()
      await expect(state).toHaveText('running')
      await expect(status(page)).toHaveText('open', { timeout: 15_000 })

      // Freeze lasts heartbeat interval + timeout + 3 s: the timeout shows, then the thaw.
      await expect(page.getByTestId('latency')).toHaveText(/^\d+ ms$/, { timeout: 5_000 })
      const freeze = page.getByRole('button', { name: /^Freeze \d+ s$/ })
      await expect(freeze).toHaveText('Freeze 5 s')
      await freeze.click()
      await expect(state).toHaveText('frozen (SIGSTOP)')
      await expect(page.getByTestId('last-close')).toContainText('heartbeat timeout', {
        timeout: 10_000,
      })
      await audit(page, 'dev page, server frozen')
      await expect(state).toHaveText('running', { timeout: 10_000 })
      await expect(status(page)).toHaveText('open', { timeout: 15_000 })

      // Only the page itself may act: another origin is refused, and the server keeps running.
      const refused = await request.post(`${dev.page}__lifeline/server/kill`, {
        headers: { origin: 'https://evil.example' },
      })
      expect(refused.status()).toBe(403)
      await page.waitForTimeout(1_500)
      await expect(state).toHaveText('running')
    } finally {
      expect(await dev.stop()).toBe(0)
      await takenServer.release()
      await takenApp.release()
    }
    // Ctrl-C took the server with it.
    expect(
      (await request.get(`${dev.server.replace('ws:', 'http:')}/health`).catch(() => null))?.ok() ??
        false,
    ).toBe(false)
  })
})
