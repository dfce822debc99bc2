// The rounds of the browser scenario (`scenarios/hiddenTab.ts`), each on a fresh tab and a fresh
// server: a frozen server seen from a visible or hidden tab, a tab frozen by the browser, a tab
// stalled by its own work. Every wait is bounded; every tab and server is closed, also on failure.

import { type ServerProcess, startServerProcess } from '@lifeline/test-utils'
import { startTestServer } from '@lifeline/testing/node'
import { sleep } from '../measure.js'
import { type BenchTab, firstAfter, openBenchTab } from './benchTab.js'
import type { Chromium } from './chromium.js'
import type { PageRecord } from './pageProbe.js'
import type { PageServer } from './pageServer.js'

/** Where the rounds run. */
export interface TabContext {
  readonly browser: Chromium
  readonly pages: PageServer
}

/** A round on a frozen server: from the freeze (SIGSTOP) to the verdict. */
export interface VerdictSample {
  readonly visibility: DocumentVisibilityState
  /** How long the tab had been open (and, for a background tab, hidden) at the freeze. */
  readonly hiddenFor: number
  /** ms from the freeze until the status left `open`; `null`: not within the cap. */
  readonly verdict: number | null
  /** The error recorded with the verdict (`heartbeat-timeout` expected). */
  readonly kind: string | null
  /** Pings sent between the freeze and the verdict (a fresh chance is the second one). */
  readonly pings: number
  /** Gaps between the heartbeat's wake-ups after the freeze (its pings, then the verdict), in ms. */
  readonly wakeGaps: readonly number[]
}

const isVerdict = (record: PageRecord): boolean =>
  record.type === 'status' && record.status !== 'open'

async function withServerTab<T>(
  { browser, pages }: TabContext,
  background: boolean,
  measure: (tab: BenchTab, server: ServerProcess) => Promise<T>,
): Promise<T> {
  const server = await startServerProcess()
  let tab: BenchTab | undefined
  try {
    tab = await openBenchTab(browser, pages, server.url, { background })
    return await measure(tab, server)
  } finally {
    await tab?.close()
    await server.kill()
  }
}

async function waitOpen(tab: BenchTab): Promise<void> {
  const opened = await tab.poll(
    (records) => firstAfter(records, 0, (r) => r.type === 'open'),
    10_000,
  )
  if (!opened) throw new Error('the bench page did not connect within 10 s')
}

/** Freezes the server and waits (at most `cap` ms) for the tab to leave `open`. */
async function freezeAndWait(
  tab: BenchTab,
  server: ServerProcess,
  cap: number,
  every: number,
): Promise<VerdictSample> {
  const visibility = await tab.visibility()
  const frozenAt = Date.now()
  server.pause()
  const verdict = await tab.poll((records) => firstAfter(records, frozenAt, isVerdict), cap, every)
  const records = await tab.records()
  const end = verdict?.at ?? Date.now()
  const pingTimes = records
    .filter((record) => record.type === 'ping' && record.at >= frozenAt && record.at <= end)
    .map((record) => record.at)
  const wakes = verdict ? [...pingTimes, verdict.at] : pingTimes
  return {
    visibility,
    hiddenFor: frozenAt - tab.openedAt,
    verdict: verdict ? verdict.at - frozenAt : null,
    kind: firstAfter(records, frozenAt, (r) => r.type === 'error')?.kind ?? null,
    pings: pingTimes.length,
    wakeGaps: wakes.slice(1).map((at, index) => at - (wakes[index] as number)),
  }
}

/**
 * A visible or background tab, open a few heartbeats, then its server frozen `phase` ms later
 * (a different point of the heartbeat cycle each round); at most `cap` ms for the verdict.
 */
export function verdictRound(
  context: TabContext,
  options: { readonly background: boolean; readonly phase: number; readonly cap: number },
): Promise<VerdictSample> {
  return withServerTab(context, options.background, async (tab, server) => {
    await waitOpen(tab)
    await sleep(4_000 + options.phase)
    return freezeAndWait(tab, server, options.cap, 100)
  })
}

/** How the tabs of the intensive round are hidden, then frozen. */
export interface IntensiveOptions {
  readonly tabs: number
  /** Hidden this long before the freeze: past Chromium's grace period before 1 wake-up/min. */
  readonly hiddenFor: number
  /** Each tab is frozen this much later than the one before (another phase of the minute). */
  readonly stagger: number
  /** The freeze waits until the heartbeat has been quiet this long (no 1 wake-up/s regime). */
  readonly quiet: number
  readonly cap: number
}

/** Background tabs hidden past the intensive-throttling grace period, their servers frozen. */
export async function intensiveRound(
  context: TabContext,
  options: IntensiveOptions,
  progress: (text: string) => void,
): Promise<VerdictSample[]> {
  const started = Date.now()
  return Promise.all(
    Array.from({ length: options.tabs }, (_, index) =>
      withServerTab(context, true, async (tab, server) => {
        await waitOpen(tab)
        await sleep(Math.max(0, started + options.hiddenFor + index * options.stagger - Date.now()))
        const quiet = await tab.poll((records) => {
          const last = records.filter((record) => record.type === 'ping').at(-1)
          return last && Date.now() - last.at >= options.quiet ? last : null
        }, 90_000)
        // Measured all the same: the wake-up gaps in the table then show which regime it was.
        if (!quiet) progress(`intensive tab ${index + 1}: the heartbeat was never quiet`)
        progress(`intensive tab ${index + 1}: server frozen`)
        const sample = await freezeAndWait(tab, server, options.cap, 1_000)
        progress(`intensive tab ${index + 1}: verdict after ${sample.verdict ?? '–'} ms`)
        return sample
      }),
    ),
  )
}

/** A round of a tab frozen through the page lifecycle API (server healthy). */
export interface FrozenSample {
  readonly visibilityBefore: DocumentVisibilityState
  readonly visibilityAfter: DocumentVisibilityState
  /** Sockets the server still had open halfway through the freeze. */
  readonly serverOpenDuringFreeze: number
  /** The close the server saw, ms after the resume (negative: during the freeze). */
  readonly serverClose: { readonly code: number; readonly afterResume: number } | null
  /** The close and error Lifeline recorded after the freeze. */
  readonly lifelineClose: number | null
  readonly lifelineError: string | null
  /** ms from the resume to `open` again; `null`: not within 10 s. */
  readonly resumeToOpen: number | null
  /** Connect attempts from the resume to `open`. */
  readonly attempts: number
  /** What the browser logged about the page during the round (Log.entryAdded). */
  readonly log: readonly string[]
}

/** Freezes a visible tab for `freeze` ms, resumes it, and shows it again when `show`. */
export async function frozenRound(
  { browser, pages }: TabContext,
  options: { readonly freeze: number; readonly show: boolean },
): Promise<FrozenSample> {
  const closes: { code: number; at: number }[] = []
  const server = await startTestServer({
    onConnection: (socket) => socket.on('close', (code) => closes.push({ code, at: Date.now() })),
  })
  let tab: BenchTab | undefined
  try {
    tab = await openBenchTab(browser, pages, server.url, { background: false })
    const log: string[] = []
    tab.tab.on('Log.entryAdded', (params) => {
      const { entry } = params as { entry: { source: string; text: string } }
      log.push(`${entry.source}: ${entry.text}`)
    })
    await tab.tab.send('Log.enable')
    await waitOpen(tab)
    await sleep(1_500)
    const visibilityBefore = await tab.visibility()
    const frozenAt = Date.now()
    await tab.tab.send('Page.setWebLifecycleState', { state: 'frozen' })
    await sleep(options.freeze / 2)
    const serverOpenDuringFreeze = server.clients().length
    await sleep(options.freeze / 2)
    const resumedAt = Date.now()
    await tab.tab.send('Page.setWebLifecycleState', { state: 'active' })
    if (options.show) await tab.tab.bringToFront()
    const reopened = await tab.poll(
      (records) => firstAfter(records, resumedAt, (r) => r.type === 'open'),
      10_000,
      50,
    )
    const records = await tab.records()
    const serverClose = closes.find((close) => close.at >= frozenAt)
    const until = reopened?.at ?? Number.POSITIVE_INFINITY
    return {
      visibilityBefore,
      visibilityAfter: await tab.visibility(),
      serverOpenDuringFreeze,
      serverClose: serverClose
        ? { code: serverClose.code, afterResume: serverClose.at - resumedAt }
        : null,
      lifelineClose: firstAfter(records, frozenAt, (r) => r.type === 'close')?.code ?? null,
      lifelineError: firstAfter(records, frozenAt, (r) => r.type === 'error')?.kind ?? null,
      resumeToOpen: reopened ? reopened.at - resumedAt : null,
      attempts: records.filter((r) => r.type === 'connecting' && r.at >= resumedAt && r.at <= until)
        .length,
      log,
    }
  } finally {
    await tab?.close()
    await server.close()
  }
}

/** A round of a tab whose main thread is blocked by its own work (server healthy). */
export interface StallSample {
  /** The status left `open` during or after the stall (a false verdict). */
  readonly leftOpen: boolean
  /** What ran first after the stall: the buffered pong (`frame`) or the late timer (`ping`). */
  readonly firstAfter: string
  /** Latencies sampled by pongs read from the stall's start to 3 s after its end. */
  readonly latencies: readonly number[]
  /** `latency` in the state before the stall and 3 s after it. */
  readonly latencyBefore: number | null
  readonly latencyAfter: number | null
  /** How long the stall really lasted. */
  readonly stalled: number
}

/**
 * Stalls a visible tab for `ms`: right after a ping (its pong then waits, unread, in a buffer) or
 * between heartbeats (the late timer is the first to run).
 */
export async function stallRound(
  { browser, pages }: TabContext,
  options: { readonly ms: number; readonly afterPing: boolean },
): Promise<StallSample> {
  const server = await startTestServer()
  let tab: BenchTab | undefined
  try {
    tab = await openBenchTab(browser, pages, server.url, { background: false })
    await waitOpen(tab)
    // A latency sampled before the stall, then the stall just after a pong (between heartbeats).
    const sampled = await tab.poll(
      (records) => records.find((r) => r.type === 'pong' && r.at >= (tab?.openedAt ?? 0) + 1_500),
      10_000,
      20,
    )
    if (!sampled) throw new Error('no pong before the stall')
    const latencyBefore = (await tab.state()).latency
    await tab.call(options.afterPing ? 'stallAfterNextPing' : 'stall', options.ms)
    const stall = await tab.poll(
      (records) => records.find((r) => r.type === 'stall'),
      options.ms + 10_000,
      100,
    )
    if (!stall?.until) throw new Error('the page never stalled')
    await sleep(3_000)
    const records = await tab.records()
    // Records are in the order the page ran them: those after the stall's came after it.
    const after = records.slice(records.findIndex((r) => r.type === 'stall') + 1)
    return {
      leftOpen: records.some((r) => r.at >= stall.at && isVerdict(r)),
      firstAfter: after.find((r) => r.type === 'frame' || r.type === 'ping')?.type ?? 'nothing',
      latencies: records
        .filter((r) => r.type === 'pong' && r.at >= stall.at)
        .map((r) => r.latency ?? Number.NaN),
      latencyBefore,
      latencyAfter: (await tab.state()).latency,
      stalled: stall.until - stall.at,
    }
  } finally {
    await tab?.close()
    await server.close()
  }
}
