// 8. Background tabs in a real browser: Debian's Chromium over raw CDP, the page running
// `@lifeline/core` (workspace dist) with heartbeat 1,000 ms / timeout 1,000 ms. (a) A frozen
// server (SIGSTOP) seen from a visible tab, a hidden tab (1 wake-up/s) and a tab hidden past the
// grace period of intensive throttling (1 wake-up/min): time to the verdict. (b) A tab frozen by
// the page lifecycle API: what becomes of its socket, time from the resume to `open`. (c) A tab
// stalled 8 s by its own work: no false verdict, no stall sampled as latency.

import { type Chromium, launchChromium } from '../env/chromium.js'
import { PAGE_HEARTBEAT } from '../env/pageProbe.js'
import { startPageServer } from '../env/pageServer.js'
import {
  type FrozenSample,
  frozenRound,
  intensiveRound,
  type StallSample,
  stallRound,
  type TabContext,
  type VerdictSample,
  verdictRound,
} from '../env/tabRounds.js'
import { ROUNDS } from '../measure.js'
import { type ScenarioContext, type ScenarioResult, type TargetRow, target } from '../scenario.js'
import { type Cell, formatNumber, summarize, summarizeCapped, type Table } from '../stats.js'

const { interval, timeout } = PAGE_HEARTBEAT
/** Chromium's wake-up alignment in a hidden tab, and under intensive throttling. */
const HIDDEN_WAKE = 1_000
const INTENSIVE_WAKE = 60_000
const SLACK = 50
const VISIBLE_CAP = 15_000
const INTENSIVE = { tabs: 2, hiddenFor: 65_000, stagger: 30_000, quiet: 5_000, cap: 270_000 }
const FREEZE = 5_000
const STALL = 8_000
const SIDE_ROUNDS = 3
/** Lifeline's smallest first backoff: minDelay 1,000 ms scaled by 1 - jitter (0.5). */
const SMALLEST_BACKOFF = 500

const ms = (value: number): string =>
  Number.isFinite(value) ? `${formatNumber(Math.round(value))} ms` : 'not within the cap'
const distinct = (values: readonly (string | number | null)[]): string =>
  [...new Set(values.map((value) => (value === null ? '–' : String(value))))].join(', ')
const summaryCell = (values: readonly number[]): Cell => summarize(values) ?? '–'
/** The worst of some samples, `Infinity` when one missed its cap, `null` for none. */
const worst = (values: readonly (number | null)[]): number | null =>
  values.length === 0
    ? null
    : Math.max(...values.map((value) => (value === null ? Number.POSITIVE_INFINITY : value)))

async function frozenServerRounds(
  context: TabContext,
  progress: (text: string) => void,
): Promise<{ visible: VerdictSample[]; background: VerdictSample[] }> {
  const visible: VerdictSample[] = []
  const background: VerdictSample[] = []
  for (let round = 0; round < ROUNDS; round++) {
    progress(`frozen server, visible and hidden tab: round ${round + 1} of ${ROUNDS}`)
    // Another point of the heartbeat cycle each round, the same for both regimes.
    const phase = (round * interval) / ROUNDS
    visible.push(await verdictRound(context, { background: false, phase, cap: VISIBLE_CAP }))
    background.push(await verdictRound(context, { background: true, phase, cap: VISIBLE_CAP }))
  }
  return { visible, background }
}

async function sideRounds(context: TabContext, progress: (text: string) => void) {
  const hidden: FrozenSample[] = []
  const shown: FrozenSample[] = []
  const afterPing: StallSample[] = []
  const between: StallSample[] = []
  for (let round = 0; round < SIDE_ROUNDS; round++) {
    progress(`frozen tab and stalled tab: round ${round + 1} of ${SIDE_ROUNDS}`)
    hidden.push(await frozenRound(context, { freeze: FREEZE, show: false }))
    shown.push(await frozenRound(context, { freeze: FREEZE, show: true }))
    afterPing.push(await stallRound(context, { ms: STALL, afterPing: true }))
    between.push(await stallRound(context, { ms: STALL, afterPing: false }))
  }
  return { hidden, shown, afterPing, between }
}

function verdictRow(regime: string, hiddenBy: string, samples: readonly VerdictSample[]): Cell[] {
  return [
    regime,
    hiddenBy,
    distinct(samples.map((s) => s.visibility)),
    summaryCell(samples.map((s) => s.hiddenFor / 1_000)),
    summaryCell(samples.flatMap((s) => s.wakeGaps)),
    summaryCell(samples.map((s) => s.pings)),
    summarizeCapped(
      samples.map((s) => s.verdict),
      'not within the cap',
    ),
    distinct(samples.map((s) => s.kind)),
    samples.length,
  ]
}

function frozenRow(label: string, samples: readonly FrozenSample[]): Cell[] {
  const closes = samples.flatMap((s) => (s.serverClose ? [s.serverClose] : []))
  return [
    label,
    distinct(samples.map((s) => `${s.visibilityBefore} → ${s.visibilityAfter}`)),
    distinct(samples.map((s) => s.serverOpenDuringFreeze)),
    closes.length === 0
      ? 'none'
      : `${distinct(closes.map((c) => c.code))}, ${formatNumber(summarize(closes.map((c) => c.afterResume))?.median ?? 0)} ms after the resume (median)`,
    distinct(
      samples.map((s) => `error ${s.lifelineError ?? '–'}, close ${s.lifelineClose ?? '–'}`),
    ),
    summarizeCapped(
      samples.map((s) => s.resumeToOpen),
      '> 10 s',
    ),
    summaryCell(samples.map((s) => s.attempts)),
    samples.length,
  ]
}

function stallRow(label: string, samples: readonly StallSample[]): Cell[] {
  const latencies = samples.flatMap((s) => s.latencies)
  return [
    label,
    samples.length,
    samples.filter((s) => s.leftOpen).length,
    distinct(samples.map((s) => s.firstAfter)),
    latencies.length === 0 ? 'none' : summaryCell(latencies),
    distinct(samples.map((s) => `${s.latencyBefore ?? '–'} → ${s.latencyAfter ?? '–'}`)),
    summaryCell(samples.map((s) => s.stalled)),
  ]
}

function targets(
  visible: readonly VerdictSample[],
  background: readonly VerdictSample[],
  intensive: readonly VerdictSample[],
  shown: readonly FrozenSample[],
  stalls: readonly StallSample[],
): TargetRow[] {
  const visibleGoal = interval + timeout + SLACK
  // Each of the two waits (interval, then timeout) ends at the next wake-up.
  const hiddenGoal = interval + timeout + 2 * HIDDEN_WAKE + SLACK
  // First wake-up after the freeze: a ping; second: its one fresh chance; third: dead.
  const intensiveGoal = 3 * INTENSIVE_WAKE + 5_000
  // A figure counts only under the regime it is named after: hidden, and for intensive
  // throttling, every wake-up after the freeze a minute apart.
  const hidden = (samples: readonly VerdictSample[], wake = 0) =>
    samples.every((s) => s.visibility === 'hidden' && s.wakeGaps.every((gap) => gap >= wake))
      ? worst(samples.map((s) => s.verdict))
      : null
  return [
    target(
      'browser, visible tab, server frozen: verdict (worst round)',
      worst(visible.map((s) => s.verdict)),
      { text: `≤ interval + timeout + ${SLACK} = ${ms(visibleGoal)}`, ok: (v) => v <= visibleGoal },
      ms,
    ),
    target(
      'browser, hidden tab (1 wake-up/s), server frozen: verdict (worst round)',
      hidden(background),
      {
        text: `≤ interval + timeout + 2 wake-ups + ${SLACK} = ${ms(hiddenGoal)}`,
        ok: (v) => v <= hiddenGoal,
      },
      ms,
    ),
    target(
      'browser, hidden tab (1 wake-up/min), server frozen: verdict (worst tab)',
      hidden(intensive, INTENSIVE_WAKE - 5_000),
      { text: `≤ 3 wake-ups + 5 s = ${ms(intensiveGoal)}`, ok: (v) => v <= intensiveGoal },
      ms,
    ),
    target(
      'browser, frozen tab resumed and shown: resume → `open` (worst round)',
      worst(shown.map((s) => s.resumeToOpen)),
      {
        text: `< smallest first backoff ${ms(SMALLEST_BACKOFF)} (an attempt at once)`,
        ok: (v) => v < SMALLEST_BACKOFF,
      },
      ms,
    ),
    target(
      `browser, tab stalled ${formatNumber(STALL)} ms: rounds with a false verdict`,
      stalls.length === 0 ? null : stalls.filter((s) => s.leftOpen).length,
      { text: '0', ok: (v) => v === 0 },
      (v) => `${v} of ${stalls.length}`,
    ),
    target(
      `browser, tab stalled ${formatNumber(STALL)} ms: largest latency sampled after it`,
      stalls.length === 0 ? null : Math.max(0, ...stalls.flatMap((s) => s.latencies)),
      { text: `< timeout ${ms(timeout)} (never the stall)`, ok: (v) => v < timeout },
      ms,
    ),
  ]
}

export async function run({ progress }: ScenarioContext): Promise<ScenarioResult> {
  const pages = await startPageServer()
  const browsers: Chromium[] = []
  const launch = async (): Promise<Chromium> => {
    const browser = await launchChromium()
    browsers.push(browser)
    return browser
  }
  try {
    // The intensive round waits minutes on timers: it gets a browser of its own, so the other
    // rounds (and their busy loops) share no renderer with it, and they run meanwhile.
    const [intensive, rest] = await Promise.all([
      launch().then((browser) =>
        intensiveRound({ browser, pages }, INTENSIVE, (text) => progress(text)),
      ),
      launch().then(async (browser) => {
        const context = { browser, pages }
        return {
          ...(await frozenServerRounds(context, progress)),
          ...(await sideRounds(context, progress)),
        }
      }),
    ])
    const product = browsers[0]?.product ?? 'Chromium'
    const { visible, background, hidden, shown, afterPing, between } = rest
    // One line per message: the port of each round's server is left out.
    const logs = distinct(
      [...hidden, ...shown].flatMap((s) => s.log.map((line) => line.replace(/:\d+\//g, ':…/'))),
    )
    const tables: Table[] = [
      {
        title: `8a. Browser tab, server frozen: heartbeat ${formatNumber(interval)} ms / timeout ${formatNumber(timeout)} ms (ms after the freeze)`,
        notes: [
          `${product} (Debian's /usr/bin/chromium --headless, plain flags: no --disable-background-timer-throttling) driven over raw CDP; the page runs @lifeline/core from the workspace dist against startServerProcess, which gets SIGSTOP at the freeze (TCP stays up). Hidden = a tab opened with \`Target.createTarget({ background: true })\`, checked with \`document.visibilityState\` at the freeze (\`Emulation.setFocusEmulationEnabled(false)\` leaves a page visible; \`Page.setWebLifecycleState\` knows only \`frozen\` and \`active\`). Wake-up gaps: between the heartbeat's pings after the freeze and its verdict, the evidence of the throttling regime in force.`,
          `Visible and 1 wake-up/s: ${ROUNDS} rounds each, the freeze at a different point of the heartbeat cycle each round. 1 wake-up/min: ${INTENSIVE.tabs} tabs in a browser of their own, frozen after ${INTENSIVE.hiddenFor / 1_000} s hidden (Chromium 156 throttles a loaded hidden page to 1 wake-up/min after 60 s, not 5 min; the grace-period feature flags had no effect on this build, so none is passed) once the heartbeat was quiet for ${INTENSIVE.quiet / 1_000} s, ${INTENSIVE.stagger / 1_000} s apart (another phase of the minute). Median (min–max).`,
        ],
        columns: [
          'tab',
          'hidden by',
          '`visibilityState`',
          'open/hidden at the freeze (s)',
          'wake-up gaps after the freeze (ms)',
          'pings after the freeze',
          'status leaves `open`',
          'error',
          'rounds',
        ],
        rows: [
          verdictRow('visible (no throttling)', '– (the active tab)', visible),
          verdictRow(
            'hidden, 1 wake-up/s',
            '`Target.createTarget({ background: true })`',
            background,
          ),
          verdictRow(
            'hidden, intensive: 1 wake-up/min',
            `the same, hidden > ${INTENSIVE.hiddenFor / 1_000} s`,
            intensive,
          ),
        ],
        digits: [0, 0, 0, 1, 0, 0, 0, 0, 0],
      },
      {
        title: `8b. Browser tab frozen ${formatNumber(FREEZE)} ms by \`Page.setWebLifecycleState\` (server healthy)`,
        notes: [
          `A visible tab, open 1.5 s, then \`Page.setWebLifecycleState({ state: 'frozen' })\`, ${FREEZE / 1_000} s later \`'active'\`. Headless Chromium hides a page it freezes and keeps it hidden after the resume; "shown" then switches tabs (\`Target.activateTarget\`) so the page is visible again, as a real tab is when the user comes back to it. ${SIDE_ROUNDS} rounds each.`,
          `Browser log during the rounds: ${logs === '' ? 'nothing' : `“${logs}”`}`,
        ],
        columns: [
          'after the resume',
          'visibility before → after',
          'server: sockets open mid-freeze',
          'server saw close',
          'Lifeline saw',
          'resume → `open` (ms)',
          'attempts',
          'rounds',
        ],
        rows: [frozenRow('stays hidden', hidden), frozenRow('shown (tab switched back)', shown)],
      },
      {
        title: `8c. Browser tab stalled ${formatNumber(STALL)} ms by a busy loop (server healthy)`,
        notes: [
          `A visible tab blocks its main thread for ${STALL / 1_000} s: right after a heartbeat ping was handed to the socket (its pong arrives during the stall and waits unread), or between heartbeats (the next check falls in the stall). Latency sampled: pongs read from the stall's start to 3 s after its end. ${SIDE_ROUNDS} rounds each.`,
        ],
        columns: [
          'stall',
          'rounds',
          'status left `open`',
          'ran first after the stall',
          'latency sampled after the stall (ms)',
          '`latency` before → after (ms)',
          'stall (ms)',
        ],
        rows: [stallRow('right after a ping', afterPing), stallRow('between heartbeats', between)],
      },
    ]
    return {
      tables,
      targets: targets(visible, background, intensive, shown, [...afterPing, ...between]),
    }
  } finally {
    await Promise.all(browsers.map((browser) => browser.close()))
    await pages.close()
  }
}
