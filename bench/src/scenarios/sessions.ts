// 9. Sessions. (a) Delivery under chaos: 50 Lifeline clients with a session and 50 without, each
// sending numbered messages at 20/s for 60 s while its server app sends numbered messages to each at
// 20/s, through one schedule of trouble for both: the server frozen with SIGSTOP, TCP links cut,
// closes with 1001/1011/1012, a half-open proxy, and at the end a crash that loses every session
// (the clients are told `resumed: false`). Both ends are counted: lost, duplicated, out of order.
// (b) The cost: client CPU per message with a session against without (receive and send), bytes
// per message on the wire, and the size of `@lifeline/core/session`.
import { createServer, type Socket, connect as tcpConnect } from 'node:net'
import { createLifeline, type Lifeline } from '@lifeline/core'
import { session } from '@lifeline/core/session'
import { startProxy, type TcpProxy } from '@lifeline/testing/node'
import {
  type ServerReport,
  type SessionServerProcess,
  startSessionServerProcess,
} from '../env/sessionServerProcess.js'
import { BenchWebSocket } from '../env/sockets.js'
import { cpuMicros, sleep, until } from '../measure.js'
import { type ScenarioContext, type ScenarioResult, target } from '../scenario.js'
import { formatNumber, type Table } from '../stats.js'
import { measure } from './bundle.js'
import { type Tally, tally } from './sessionsTally.js'

const CLIENTS = 50
const EVERY = 50
const DURATION = 60_000
const DRAIN = 6_000
type Mode = 'session' | 'plain'
const MODES: readonly Mode[] = ['session', 'plain']

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

interface Client {
  readonly line: Lifeline
  sent: number
  /** Stream numbers received, per server epoch. */
  readonly got: Map<number, number[]>
  told: number
}

function client(mode: Mode, url: string, k: number): Client {
  const line = createLifeline(url, {
    WebSocket: BenchWebSocket,
    heartbeat: { interval: 1_000, timeout: 1_000 },
    reconnect: { minDelay: 100, maxDelay: 1_000 },
    connectTimeout: 2_000,
    queue: { maxSize: 10_000 },
    parse: false,
    hello: () => `id:${k}`,
    ...(mode === 'session' ? { session: session({ buffer: 10_000 }) } : {}),
  })
  const c: Client = { line, sent: 0, got: new Map(), told: 0 }
  line.onMessage((data) => {
    const text = String(data)
    if (!text.startsWith('s:')) return
    const [, epoch, n] = text.split(':')
    const list = c.got.get(Number(epoch)) ?? []
    c.got.set(Number(epoch), list)
    list.push(Number(n))
  })
  line.onEvent((event) => {
    if (event.type === 'session' && !event.resumed) c.told++
  })
  return c
}

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

// ---- (b) the cost -------------------------------------------------------------------------------

const BURST = 50_000

/** A TCP relay that counts the bytes it carries, both ways. */
async function countingRelay(port: number) {
  let bytes = 0
  const sockets = new Set<Socket>()
  const server = createServer((inbound) => {
    const outbound = tcpConnect(port, '127.0.0.1')
    for (const s of [inbound, outbound]) {
      sockets.add(s)
      s.on('error', () => {})
      s.on('data', (chunk) => {
        bytes += chunk.length
      })
    }
    inbound.pipe(outbound).pipe(inbound)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    url: `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    bytes: () => bytes,
    reset: () => {
      bytes = 0
    },
    close: () => {
      for (const s of sockets) s.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

interface Cost {
  readonly receiveMicros: number
  readonly sendMicros: number
  readonly bytesPerMessage: number
}

async function cost(mode: Mode): Promise<Cost> {
  const server = await startSessionServerProcess(mode, 0, 1)
  const relay = await countingRelay(server.port)
  const c = client(mode, relay.url, 0)
  let bursts = 0
  c.line.onMessage((data) => {
    if (String(data).startsWith('b:')) bursts++
  })
  await until(() => c.line.store.getState().status === 'open', 5_000)
  await sleep(200)
  relay.reset()
  const before = cpuMicros()
  server.burst(BURST)
  await until(() => bursts >= BURST, 30_000, 1)
  // Acknowledgements of the last batch are due within ACK_DELAY.
  await sleep(300)
  const receiveMicros = (cpuMicros() - before) / BURST
  const bytesPerMessage = relay.bytes() / BURST
  const sendStart = cpuMicros()
  for (let n = 0; n < BURST; n++) c.line.send(`c0:${n}`)
  const sendMicros = (cpuMicros() - sendStart) / BURST
  c.line.destroy()
  await Promise.all([server.kill(), relay.close()])
  return { receiveMicros, sendMicros, bytesPerMessage }
}

/** `@lifeline/core/session` alone, gzip, bundled as table 1 bundles everything. */
async function sessionSize(): Promise<number> {
  const sizes = await measure({ code: "export { session } from '@lifeline/core/session'" })
  return sizes.gzip
}

export async function run({ progress }: ScenarioContext): Promise<ScenarioResult> {
  const results = await chaos(progress)
  progress('cost')
  const costs = new Map<Mode, Cost[]>(MODES.map((mode) => [mode, []]))
  for (let round = 0; round < 3; round++) {
    for (const mode of MODES) costs.get(mode)?.push(await cost(mode))
  }
  const best = (mode: Mode, field: keyof Cost) =>
    Math.min(...(costs.get(mode) ?? []).map((sample) => sample[field]))
  const size = await sessionSize()
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
  const ratioOf = (field: keyof Cost) => best('session', field) / best('plain', field)
  const costTable: Table = {
    title: '9b. Sessions: the cost (one client, 50,000 messages, fastest of 3 rounds)',
    notes: [
      'CPU of the client process; receive: from the burst request to the last message and its acknowledgements; send: the send() loop. Bytes: TCP bytes both ways through a counting relay during the receive burst, per message (payload `b:<n>`, 3–7 bytes).',
    ],
    columns: ['', 'with sessions', 'without', 'ratio'],
    rows: [
      [
        'receive, µs/message',
        best('session', 'receiveMicros'),
        best('plain', 'receiveMicros'),
        `${ratioOf('receiveMicros').toFixed(2)}×`,
      ],
      [
        'send, µs/message',
        best('session', 'sendMicros'),
        best('plain', 'sendMicros'),
        `${ratioOf('sendMicros').toFixed(2)}×`,
      ],
      [
        'bytes on the wire/message',
        best('session', 'bytesPerMessage'),
        best('plain', 'bytesPerMessage'),
        `${ratioOf('bytesPerMessage').toFixed(2)}×`,
      ],
      ['`@lifeline/core/session` alone, gzip', `${formatNumber(size)} B`, '–', '–'],
    ],
    digits: 2,
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
    tables: [delivery, costTable],
    targets: [
      target(
        'sessions: lost + duplicated + out of order while resumed',
        whileResumed,
        { text: '0', ok: (v) => v === 0 },
        (v) => String(v),
      ),
      target(
        'sessions: CPU per message received, with / without',
        ratioOf('receiveMicros'),
        { text: '≤ 1.3×', ok: (v) => v <= 1.3 },
        (v) => `${v.toFixed(2)}×`,
      ),
      target(
        'sessions: CPU per message sent, with / without',
        ratioOf('sendMicros'),
        { text: '≤ 1.3×', ok: (v) => v <= 1.3 },
        (v) => `${v.toFixed(2)}×`,
      ),
      target(
        '`@lifeline/core/session` alone, gzip',
        size,
        { text: '≤ 1,500 B', ok: (v) => v <= 1_500 },
        (v) => `${formatNumber(v)} B`,
      ),
    ],
  }
}
