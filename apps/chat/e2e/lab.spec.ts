import { audit, expect, open, openConnected, shot, status, test, timing } from './fixtures.js'

test.describe('connection lab', () => {
  test('echo, latency, and Close means closed', async ({ page, server, fail }) => {
    await open(page, server)
    const connect = page.getByRole('button', { name: 'Connect', exact: true })
    const send = page.getByRole('button', { name: 'Send', exact: true })
    const close = page.getByRole('button', { name: 'Close', exact: true })
    await expect(status(page)).toHaveText('idle')
    await page.screenshot({ path: shot('lab-idle') })
    await audit(page, 'lab, idle')

    await connect.click()
    await expect(status(page)).toHaveText('open')
    await page.getByLabel('Message').fill('hello lifeline')
    await send.click()
    await expect(page.getByTestId('log')).toContainText('hello lifeline')
    await expect(page.getByTestId('latency')).toHaveText(/^\d+ ms$/, {
      timeout: timing.interval * 3,
    })
    await page.screenshot({ path: shot('lab-open') })
    await audit(page, 'lab, open with an echo')

    await close.click()
    await expect(status(page)).toHaveText('closed')
    await expect(connect).toBeEnabled()
    await expect(send).toBeDisabled()
    // The link is gone: its round trip is history, and says so.
    await expect(page.getByTestId('latency')).toHaveText(/^\d+ ms \(last known\)$/)
    // No reconnect: still closed after several backoff delays.
    await page.waitForTimeout(timing.minDelay * 4)
    await expect(status(page)).toHaveText('closed')
    await expect(page.getByTestId('attempt')).toHaveText('1')
    await page.screenshot({ path: shot('lab-closed') })
    await audit(page, 'lab, closed by the user')
    expect(fail).toEqual([])
  })

  test('an XSS payload in the log renders as text', async ({ page, server, fail }) => {
    await openConnected(page, server)
    const payload = '<img src=x onerror=alert(1)>'
    await page.getByLabel('Message').fill(payload)
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    const log = page.getByTestId('log')
    await expect(log).toContainText(payload)
    await expect(log.locator('img')).toHaveCount(0)
    expect(fail).toEqual([])
  })

  test('server killed: reconnecting with a countdown, then open again', async ({
    page,
    server,
  }) => {
    await openConnected(page, server)
    await server.kill()
    await expect(status(page)).toHaveText(/reconnecting|connecting/)
    // The countdown names the attempt to come as the counter will count it.
    await expect(page.getByTestId('countdown')).toHaveText(/^attempt \d+ in \d+\.\d s$/)
    const attempt = Number(await page.getByTestId('attempt').textContent())
    const countdown = await page.getByTestId('countdown').textContent()
    if (countdown?.startsWith('attempt')) expect(countdown).toContain(`attempt ${attempt + 1} in`)
    await expect(page.getByTestId('timeline')).toContainText(/retry: attempt \d+ in/)
    await page.screenshot({ path: shot('lab-reconnecting') })
    await audit(page, 'lab, reconnecting after the server was killed')
    await server.restart()
    await expect(status(page)).toHaveText('open', { timeout: 15_000 })
    await expect(page.getByTestId('last-close')).toContainText('1006')
  })

  test('server frozen (SIGSTOP): heartbeat timeout, then back after SIGCONT', async ({
    page,
    server,
  }) => {
    await openConnected(page, server)
    // The first pong proves the heartbeat runs before the freeze.
    await expect(page.getByTestId('latency')).toHaveText(/^\d+ ms$/, {
      timeout: timing.interval * 3,
    })
    server.pause()
    const frozenAt = Date.now()
    await expect(status(page)).not.toHaveText('open', { timeout: 10_000 })
    const detected = Date.now() - frozenAt
    await expect(page.getByTestId('last-close')).toContainText('heartbeat timeout')
    await expect(page.getByTestId('timeline')).toContainText('heartbeat timeout')
    await expect(page.getByTestId('latency')).toHaveText(/\(last known\)$/)
    await page.screenshot({ path: shot('lab-heartbeat-timeout') })
    await audit(page, 'lab, after a heartbeat timeout')
    console.log(
      `SIGSTOP: heartbeat timeout seen after ${detected} ms (interval + timeout = ${timing.interval + timing.timeout} ms)`,
    )
    expect(detected).toBeLessThanOrEqual(timing.interval + timing.timeout + 800)
    server.resume()
    await expect(status(page)).toHaveText('open', { timeout: 15_000 })
  })

  test('offline pauses retries and says so, online reconnects at once', async ({
    page,
    context,
    server,
  }) => {
    await openConnected(page, server)
    await context.setOffline(true)
    await expect(page.getByTestId('network')).toHaveText('offline: retries paused')
    await expect(page.getByTestId('timeline')).toContainText('went offline')
    // The server drops the link while the page is offline: no retry is planned until online.
    await server.kill()
    await expect(status(page)).toHaveText('reconnecting')
    await expect(page.getByTestId('countdown')).toHaveText('paused while offline')
    await page.screenshot({ path: shot('lab-offline') })
    await audit(page, 'lab, offline')
    await server.restart()
    await page.waitForTimeout(timing.minDelay * 3)
    await expect(status(page)).toHaveText('reconnecting')
    const back = Date.now()
    await context.setOffline(false)
    await expect(status(page)).toHaveText('open')
    expect(Date.now() - back).toBeLessThan(timing.minDelay * 2)
    await expect(page.getByTestId('timeline')).toContainText('online again')
    await expect(page.getByTestId('network')).toHaveText('online')
  })
})
