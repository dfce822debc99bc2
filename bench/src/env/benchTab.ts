import { sleep } from '../measure.js'
import type { Chromium, Tab } from './chromium.js'
import type { PageProbe, PageRecord } from './pageProbe.js'
import type { PageServer } from './pageServer.js'

const PROBE = 'window.__lifelineBench'

/** A tab running the bench page, read from Node. */
export interface BenchTab {
  readonly tab: Tab
  /** When the tab was opened (`Date.now()`). */
  readonly openedAt: number
  /** Everything the page recorded so far. */
  records(): Promise<PageRecord[]>
  visibility(): Promise<DocumentVisibilityState>
  /** The page's connection state now (`PageProbe.state`). */
  state(): Promise<ReturnType<PageProbe['state']>>
  /** Calls a method of the page's probe (`stall`, `stallAfterNextPing`) with a number. */
  call(method: 'stall' | 'stallAfterNextPing', ms: number): Promise<void>
  /**
   * Reads the records every `every` ms until `find` returns something, or `timeout` ms passed.
   * @returns what `find` returned, or `null` after the timeout.
   */
  poll<T>(
    find: (records: readonly PageRecord[]) => T | null | undefined,
    timeout: number,
    every?: number,
  ): Promise<T | null>
  close(): Promise<void>
}

/** Opens the bench page connected to `socketUrl` in a new tab and waits until the page runs. */
export async function openBenchTab(
  browser: Chromium,
  pages: PageServer,
  socketUrl: string,
  options: { readonly background: boolean },
): Promise<BenchTab> {
  const openedAt = Date.now()
  const tab = await browser.open(pages.pageUrl(socketUrl), options)
  const records = (): Promise<PageRecord[]> => tab.evaluate(`${PROBE}?.records ?? []`)
  const poll: BenchTab['poll'] = async (find, timeout, every = 250) => {
    const deadline = Date.now() + timeout
    for (;;) {
      const found = find(await records())
      if (found !== null && found !== undefined) return found
      if (Date.now() >= deadline) return null
      await sleep(every)
    }
  }
  const deadline = Date.now() + 10_000
  // Until the page's script ran (an evaluation during the navigation may fail: try again).
  const started = () => tab.evaluate<boolean>(`typeof ${PROBE} === 'object'`).catch(() => false)
  while (!(await started())) {
    if (Date.now() < deadline) {
      await sleep(50)
      continue
    }
    await tab.close()
    throw new Error('the bench page did not start within 10 s of opening')
  }
  return {
    tab,
    openedAt,
    records,
    visibility: () => tab.evaluate('document.visibilityState'),
    state: () => tab.evaluate(`${PROBE}.state()`),
    call: (method, ms) => tab.evaluate(`${PROBE}.${method}(${Number(ms)})`),
    poll,
    close: () => tab.close(),
  }
}

/** The first record at or after `since` that `match` accepts. */
export function firstAfter(
  records: readonly PageRecord[],
  since: number,
  match: (record: PageRecord) => boolean,
): PageRecord | undefined {
  return records.find((record) => record.at >= since && match(record))
}
