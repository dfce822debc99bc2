// 9. Sessions. (a) Delivery under chaos: 50 Lifeline clients with a session and 50 without, each
// sending numbered messages at 20/s for 60 s while its server app sends numbered messages to each at
// 20/s, through one schedule of trouble for both: the server frozen with SIGSTOP, TCP links cut,
// closes with 1001/1011/1012, a half-open proxy, and at the end a crash that loses every session
// (the clients are told `resumed: false`). Both ends are counted: lost, duplicated, out of order.
// (b) The cost (`sessionsCost.ts`).
import { startProxy, type TcpProxy } from '@lifeline/testing/node'
import {
  type ServerReport,
  type SessionServerProcess,
  startSessionServerProcess,
} from '../env/sessionServerProcess.js'
import { sleep, until } from '../measure.js'
import { type ScenarioContext, type ScenarioResult, target } from '../scenario.js'
import type { Table } from '../stats.js'
import { type Client, client, MODES, type Mode } from './sessionsClient.js'
import { measureCost } from './sessionsCost.js'
import { type Tally, tally } from './sessionsTally.js'

const CLIENTS = 50
const EVERY = 50
const DURATION = 60_000
const DRAIN = 6_000

/** When each kind of trouble strikes, in ms from the start of the run. */
const SCHEDULE = {
  freeze: 8_000,
  thaw: 12_000,
  cut: 18_000,
  closes: [
    [25_000, 1001],
    [32_000, 1011],
    [39_000, 1012],
  ],
  halfOpen: 46_000,
  halfOpenEnd: 49_000,
  crash: 52_000,
} as const

interface World {
  server: SessionServerProcess
  readonly proxy: TcpProxy
  readonly clients: Client[]
  readonly reports: ServerReport[]
}

async function world(mode: Mode): Promise<World> {
  const server = await startSessionServerProcess(mode, 0, 1)
  const proxy = await startProxy({ targetPort: server.port })
  const clients = Array.from({ length: CLIENTS }, (_, k) => client(mode, proxy.url, k))
  return { server, proxy, clients, reports: [] }
}

/** Runs the schedule on both worlds at once; returns the tallies per world and direction. */
async function chaos(progress: (text: string) => void) {
  const worlds = new Map<Mode, World>()
  for (const mode of MODES) worlds.set(mode, await world(mode))
  const all = [...worlds.values()]
  await until(
    () => all.every((w) => w.clients.every((c) => c.line.store.getState().status === 'open')),
    15_000,
  )
  for (const w of all) w.server.stream(true)
  const start = performance.now()
  const senders = all.flatMap((w) =>
    w.clients.map((c, k) =>
      setInterval(() => {
        c.line.send(`c${k}:${c.sent}`)
        c.sent++
      }, EVERY),
    ),
  )
  const at = async (ms: number, what: string, act: () => unknown) => {
    await sleep(Math.max(0, ms - (performance.now() - start)))
    progress(`${(ms / 1000).toFixed(0)} s: ${what}`)
    await act()
  }
  const each = (act: (w: World) => unknown) => () => Promise.all(all.map(act))
  await at(
    SCHEDULE.freeze,
    'server frozen (SIGSTOP)',
    each((w) => w.server.pause()),
  )
  await at(
    SCHEDULE.thaw,
    'server thawed',
    each((w) => w.server.resume()),
  )
  await at(
    SCHEDULE.cut,
    'TCP links cut',
    each((w) => w.proxy.dropAll()),
  )
  for (const [ms, code] of SCHEDULE.closes) {
    await at(
      ms,
      `server closes with ${code}`,
      each((w) => w.server.closeAll(code)),
    )
  }
  await at(
    SCHEDULE.halfOpen,
    'half-open links (proxy frozen)',
    each((w) => w.proxy.freeze()),
  )
  await at(
    SCHEDULE.halfOpenEnd,
    'proxy thawed',
    each((w) => w.proxy.thaw()),
  )
  await at(
    SCHEDULE.crash,
    'server crash: every session lost',
    each(async (w) => {
      w.reports.push(await w.server.crash())
      w.server = await startSessionServerProcess(
        w === worlds.get('session') ? 'session' : 'plain',
        w.server.port,
        2,
      )
      w.server.stream(true)
    }),
  )
  await at(DURATION, 'stop sending; draining', () => {
    for (const timer of senders) clearInterval(timer)
    for (const w of all) w.server.stream(false)
  })
  await sleep(DRAIN)
  const results = new Map<Mode, { up: Tally; down: Tally; told: number }>()
  for (const [mode, w] of worlds) {
    w.reports.push(await w.server.report())
    results.set(mode, {
      up: tallyUp(w),
      down: tallyDown(w),
      told: w.clients.filter((c) => c.told >= 2).length,
    })
    for (const c of w.clients) c.line.destroy()
    await Promise.all([w.server.kill(), w.proxy.close()])
  }
  return results
}

/** Client → server: what each client sent, against what the two server epochs got. */
function tallyUp(w: World): Tally {
  return w.clients.reduce(
    (sum, c, k) =>
      sum.add(
        tally(
          c.sent,
          w.reports.map((report) => report.received[String(k)] ?? []),
        ),
      ),
    tally(0, []),
  )
}

/** Server → client: what each epoch sent to each client, against what the client got of it. */
function tallyDown(w: World): Tally {
  return w.reports.reduce(
    (sum, report, e) =>
      w.clients.reduce(
        (inner, c, k) =>
          inner.add(tally(report.sent[String(k)] ?? 0, [c.got.get(e + 1) ?? []]), e === 0),
        sum,
      ),
    tally(0, []),
  )
}

export async function run({ progress }: ScenarioContext): Promise<ScenarioResult> {
  const results = await chaos(progress)
  progress('cost')
  const cost = await measureCost()
  const row = (mode: Mode, direction: 'up' | 'down') => {
    const r = results.get(mode)
    const t = r?.[direction]
    const name = mode === 'session' ? 'with sessions' : 'without sessions'
    const way = direction === 'up' ? 'client → server' : 'server → client'
    return [
      name,
      way,
      t?.sent ?? 0,
      t?.delivered ?? 0,
      t?.lost ?? 0,
      t?.duplicated ?? 0,
      t?.outOfOrder ?? 0,
      t ? `${t.resetLost} lost, ${t.resetDuplicated} twice` : '–',
    ]
  }
  const delivery: Table = {
    title: '9a. Sessions: delivery under chaos (50 clients each, 20 msg/s each way, 60 s)',
    notes: [
      'One schedule for both runs: SIGSTOP 8–12 s, TCP links cut at 18 s, server closes with 1001/1011/1012 at 25/32/39 s, half-open proxy 46–49 s, a crash that loses every session at 52 s (the clients with sessions are told resumed: false). Heartbeat 1 s / 1 s.',
      '"At the crash": what the lost sessions cost, counted, never silent: server → client, what the crashed server had not seen acknowledged; client → server, messages the old server had and the new session got again.',
      `Clients told resumed: false after the crash: ${results.get('session')?.told ?? 0} of ${CLIENTS}.`,
    ],
    columns: [
      'run',
      'direction',
      'sent',
      'delivered',
      'lost',
      'duplicated',
      'out of order',
      'at the crash',
    ],
    rows: [row('session', 'up'), row('session', 'down'), row('plain', 'up'), row('plain', 'down')],
  }
  const s = results.get('session')
  const whileResumed = s
    ? s.up.lost +
      s.up.duplicated -
      s.up.resetDuplicated +
      s.up.outOfOrder +
      s.down.lost -
      s.down.resetLost +
      s.down.duplicated +
      s.down.outOfOrder
    : null
  return {
    tables: [delivery, cost.table],
    targets: [
      target(
        'sessions: lost + duplicated + out of order while resumed',
        whileResumed,
        { text: '0', ok: (v) => v === 0 },
        (v) => String(v),
      ),
      ...cost.targets,
    ],
  }
}
