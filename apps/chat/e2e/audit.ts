import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** The narrowest width the demo must fit without scrolling sideways (WCAG 1.4.10: 320 CSS px). */
const NARROW = { width: 320, height: 640 }

/**
 * axe-core's rules on top of its defaults: `target-size` (WCAG 2.2 AA, 2.5.8: targets of 24 px at
 * least) is the one rule of WCAG A or AA that axe leaves off unless asked.
 */
const EXTRA_RULES = { 'target-size': { enabled: true } }

/**
 * Checks the page in the state it is in now, as everyone meets it: axe-core finds no violation
 * (its default rules, WCAG 2.0–2.2 A and AA and its best practices, plus `EXTRA_RULES`), and at
 * 320 px wide nothing scrolls sideways. `state` names the page and state in the failure and log.
 */
export async function audit(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).options({ rules: EXTRA_RULES }).analyze()
  const violations = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  }))
  console.log(
    `[axe] ${state}: ${violations.length} violations, ${results.passes.length} rules passed`,
  )
  expect(violations, `axe violations on ${state}`).toEqual([])

  const viewport = page.viewportSize()
  await page.setViewportSize(NARROW)
  try {
    // Whatever sticks out past the right edge, named, so a failure says what to fix.
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth
      if (document.documentElement.scrollWidth <= width) return []
      return [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((element) => element.getBoundingClientRect().right > width + 0.5)
        .slice(0, 5)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
    })
    expect(overflow, `sideways scroll at 320 px on ${state}`).toEqual([])
  } finally {
    if (viewport !== null) await page.setViewportSize(viewport)
  }
}
