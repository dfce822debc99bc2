import { expect, test } from '@playwright/test'
import { audit } from './audit.js'

// The audit run on every state of the demo must be able to fail: here it meets what it exists to
// catch. (Low contrast of the kind the demo had before: 4.08:1 on its current tab, 2.2:1 on its
// pending chat lines.)
test.describe('the accessibility audit', () => {
  test('fails on text below 4.5:1', async ({ page }) => {
    await page.setContent(
      '<html lang="en"><title>t</title><main><h1>t</h1><p style="color:#2f6fde;background:#e8effc">faint</p></main></html>',
    )
    await expect(audit(page, 'a page with faint text')).rejects.toThrow(/color-contrast/)
  })

  test('fails on a page that scrolls sideways at 320 px', async ({ page }) => {
    await page.setContent(
      '<html lang="en"><title>t</title><main><h1>t</h1><p style="width:500px">wide</p></main></html>',
    )
    await expect(audit(page, 'a page too wide')).rejects.toThrow(/sideways scroll at 320 px/)
  })

  test('passes a page without problems', async ({ page }) => {
    await page.setContent('<html lang="en"><title>t</title><main><h1>fine</h1></main></html>')
    await audit(page, 'a plain page')
  })
})
