// S2. Soak: the demo's chat server (apps/chat/server/main.ts, as users run it) under every kind of
// abuse at once, while one well-behaved member keeps talking. Prints the server's memory, that
// member's round trips, and whether the server is still serving at the end.
import { fileURLToPath } from 'node:url'
import {
  type Abuse,
  capProbe,
  connectionStorm,
  flooders,
  joinStorm,
  nestedFrame,
  open,
  silentEchoers,
  silentMembers,
  slowloris,
} from '../env/abuse.js'
import { startChatServer } from '../env/chatServer.js'
import { forkReady } from '../env/forked.js'
import type { RoundTrip } from '../env/healthyClient.js'
import { sleep, until } from '../measure.js'
import { type ScenarioContext, type ScenarioResult, target } from '../scenario.js'

const SECOND = 1_000
const MIB = 1024 * 1024
const BASELINE = 3 * SECOND
const ABUSE = 20 * SECOND
/** After the abuse: long enough for a line sent at its end to count as lost if no echo came. */
const AFTER = 6 * SECOND
/** The healthy member says a line this often, in ms. */
const HEALTHY_EVERY = 100
const HISTORY_LINES = 50
const LINE = 'h'.repeat(2_000)
/** A soak that grows the server past this stops its abuse early: the figure is then "more than". */
const RSS_STOP = 2_048 * MIB

/** The q-quantile (0–1) of `values`, or `null` for none. */
function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null
}

const ms = (value: number | null): string => (value === null ? '–' : `${value.toFixed(1)} ms`)
const mib = (bytes: number | null): string =>
  bytes === null ? '–' : `${(bytes / MIB).toFixed(0)} MiB`

/** Fills the lobby's history with long lines, as a busy room has: each `join` then costs most. */
async function seedHistory(url: string): Promise<boolean> {
  const seeder = await open(`${url}/chat`, '127.0.0.3')
  if (!seeder) return false
  let echoed = 0
  seeder.on('message', (data) => {
    if (String(data).includes('"type":"message"')) echoed++
  })
  seeder.send(JSON.stringify({ type: 'join', room: 'lobby', name: 'seeder', key: 'seeder-key' }))
  for (let n = 1; n <= HISTORY_LINES; n++) {
    seeder.send(JSON.stringify({ type: 'say', id: `s${n}`, ref: `s${n}`, text: LINE }))
    // Well under any per-connection limit: the seeder is a member, not an abuser.
    if (n % 5 === 0) await sleep(500)
  }
  return until(() => echoed >= HISTORY_LINES, 5 * SECOND, 20)
}

const codes = (abuses: readonly Abuse[]): string => {
  const total = new Map<number, number>()
  for (const abuse of abuses) {
    for (const [code, n] of abuse.closes) total.set(code, (total.get(code) ?? 0) + n)
  }
  const list = [...total].sort(([a], [b]) => a - b).map(([code, n]) => `${code}: ${n}`)
  return list.length > 0 ? list.join(', ') : 'none'
}

/** The value of an unlabelled sample in a Prometheus text body, or `null`. */
function sample(body: string, name: string): number | null {
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(body)
  return match?.[1] ? Number(match[1]) : null
}

export async function run({ progress }: ScenarioContext): Promise<ScenarioResult> {
  const server = await startChatServer({})
  const rss: Array<{ readonly at: number; readonly bytes: number }> = []
  const sampler = setInterval(() => {
    const bytes = server.rss()
    if (bytes !== null) rss.push({ at: performance.now(), bytes })
  }, 100)
  const seeded = await seedHistory(server.url)
  progress(`history seeded: ${seeded}`)
  const healthy = await forkReady(
    fileURLToPath(new URL('../env/healthyClient.ts', import.meta.url)),
    { args: [`${server.url}/chat`, String(HEALTHY_EVERY), '127.0.0.2'] },
  )
  const mark = async (): Promise<number> =>
    (await healthy.request<{ now: number }>({ type: 'mark' })).now
  await sleep(SECOND)
  const baselineStart = await mark()
  await sleep(BASELINE)
  const rssBefore = rss.at(-1)?.bytes ?? null
  const base = (ws: string): string => ws.replace(/^ws:/, 'http:')
  // A scrape resets the server's longest-stall figure: the next one covers the abuse alone.
  await fetch(`${base(server.url)}/metrics`).then((response) => response.text())
  const abuseStart = await mark()
  const abuseStartHere = performance.now()
  progress('abuse starts')

  const abuses: Abuse[] = [
    silentMembers(server.url, 10),
    silentEchoers(server.url, 3),
    flooders(server.url, 10),
    joinStorm(server.url, 10),
    connectionStorm(server.url),
  ]
  const loris = slowloris(server.port, 100, '127.0.6.1')
  await sleep(SECOND)
  const accepted = await capProbe(server.url, 100, '127.0.7.1')
  await until(() => performance.now() - abuseStartHere >= 10 * SECOND, 10 * SECOND, 50)
  const lorisHeld = loris.held()
  progress(`slowloris connections still held after 10 s: ${lorisHeld}`)
  let stoppedEarly = false
  await until(
    () => {
      stoppedEarly = (rss.at(-1)?.bytes ?? 0) > RSS_STOP
      return stoppedEarly || server.exit() !== null
    },
    ABUSE - (performance.now() - abuseStartHere) - SECOND,
    50,
  )
  const nested = await nestedFrame(server.url, '127.0.8.1')
  for (const abuse of abuses) abuse.stop()
  loris.stop()
  const abuseEnd = await mark()
  const abuseEndHere = performance.now()
  const duringAbuse = await fetch(`${base(server.url)}/metrics`).then(
    (response) => response.text(),
    () => '',
  )
  progress('abuse over')
  await sleep(AFTER)

  const { roundTrips, closes } = await healthy.request<{
    roundTrips: RoundTrip[]
    closes: Array<{ at: number; code: number }>
  }>({ type: 'take' })
  const alive = await fetch(`${base(server.url)}/health`).then(
    (response) => response.ok,
    () => false,
  )
  const metrics = alive ? await fetch(`${base(server.url)}/metrics`).then((r) => r.text()) : ''
  clearInterval(sampler)
  const exit = server.exit()
  await healthy.close()
  await server.close()

  const between = (from: number, to: number) => roundTrips.filter((r) => r.at >= from && r.at < to)
  const baseline = between(baselineStart, abuseStart)
  const during = between(abuseStart, abuseEnd)
  const rtts = (list: readonly RoundTrip[]) =>
    list.map((r) => r.rtt).filter((rtt): rtt is number => rtt !== null)
  const lost = during.filter((r) => r.rtt === null).length
  const ceiling = Math.max(
    0,
    ...rss
      .filter((s) => s.at >= abuseStartHere && s.at <= abuseEndHere + 3 * SECOND)
      .map((s) => s.bytes),
  )
  const rssAfter = rss.at(-1)?.bytes ?? null
  const stall = sample(duringAbuse, 'nodejs_eventloop_delay_max_seconds')
  const counter = (name: string): string => {
    const value = sample(metrics, name)
    return value === null ? 'not reported' : value.toLocaleString('en-US')
  }
  const healthyCloses = closes.filter((c) => c.at >= abuseStart && c.at < abuseEnd + AFTER)
  const died = exit ? `exited (${exit.signal ?? `code ${exit.code}`})` : 'no: not answering'

  const rows: string[][] = [
    [
      'server RSS before the abuse',
      mib(rssBefore),
      `lobby history: ${HISTORY_LINES} lines of 2,000 characters`,
    ],
    [
      'server RSS ceiling during the abuse',
      stoppedEarly ? `> ${mib(RSS_STOP)}` : mib(ceiling),
      stoppedEarly
        ? 'abuse stopped early: the server kept growing'
        : 'highest 100 ms sample, until 3 s after',
    ],
    ['server RSS after the abuse', mib(rssAfter), `${AFTER / SECOND} s after it stopped`],
    [
      'healthy round trip before the abuse: p50 / p99',
      `${ms(quantile(rtts(baseline), 0.5))} / ${ms(quantile(rtts(baseline), 0.99))}`,
      `${baseline.length} lines, one every ${HEALTHY_EVERY} ms`,
    ],
    [
      'healthy round trip during the abuse: p50 / p99 / max',
      `${ms(quantile(rtts(during), 0.5))} / ${ms(quantile(rtts(during), 0.99))} / ${ms(quantile(rtts(during), 1))}`,
      `${during.length} lines`,
    ],
    ['healthy lines lost during the abuse', String(lost), 'no echo within 5 s'],
    [
      "server's longest event-loop stall during the abuse",
      stall === null ? 'not reported' : ms(stall * 1_000),
      'its own /metrics (nodejs_eventloop_delay_max_seconds)',
    ],
    [
      'healthy member closed by the server',
      String(healthyCloses.length),
      healthyCloses.map((c) => c.code).join(', ') || '–',
    ],
    [
      'server alive at the end',
      alive ? 'yes' : died,
      `nested frame: ${nested === null ? 'refused, the link stayed up' : nested === -1 ? 'could not connect to send it' : `the sender saw close ${nested}`}`,
    ],
    [
      'unfinished upgrades still held after 10 s',
      `${lorisHeld} of 100`,
      'one address, half a request each',
    ],
    [
      'lab connections opened at once from one address',
      `${accepted.opened} of 100`,
      `refused: ${accepted.refused}, no answer within 10 s: ${accepted.timedOut}`,
    ],
    [
      'abusers closed by the server, as they saw it',
      codes(abuses),
      `reconnects: ${abuses.reduce((n, a) => n + a.opened(), 0)} connections opened`,
    ],
    ['frames refused by the rate limits', counter('lifeline_rate_limited_total'), 'server counter'],
    [
      'connections closed for abuse (1008)',
      counter('lifeline_connections_abusive_total'),
      'server counter (abusers that do not read see 1006: they never read the close frame)',
    ],
    ['sends skipped for backpressure', counter('lifeline_sends_skipped_total'), 'server counter'],
    [
      'connections closed for backpressure (1013)',
      counter('lifeline_connections_overloaded_total'),
      'server counter',
    ],
    [
      'connections ended by the heartbeat sweep',
      counter('lifeline_dead_peers_terminated_total'),
      'server counter',
    ],
    [
      'connections turned away per address',
      counter('lifeline_connections_refused_total'),
      'server counter (429)',
    ],
  ]
  return {
    tables: [
      {
        title: 'S2. Soak: the demo chat server under abuse, with one healthy member',
        notes: [
          `apps/chat/server/main.ts with its defaults, in its own process, from the packages' dist. The healthy member (its own process, its own address) joins the lobby and says a line every ${HEALTHY_EVERY} ms; round trip = until its own echo. For ${ABUSE / SECOND} s, all at once, each kind from loopback addresses of its own (127.0.x.y): 10 lobby members that never read and send a heartbeat every second; 3 lab clients that never read and send 16 KB frames to be echoed at 800 KB/s (within the lab's rate limits); 10 members that never read and flood the lobby with lines and heartbeats as fast as the server takes them; 10 connections that never read and send \`join\` every 5 ms; 20 new connections every 200 ms that join, say a line and leave; 100 unfinished upgrades from one address; 100 lab connections at once from one address; at the end, a 10 KB frame nested 5,000 arrays deep. Closed abusers come back after 250 ms. RSS = VmRSS of the server process, every 100 ms.`,
        ],
        columns: ['measure', 'value', 'note'],
        rows,
      },
    ],
    targets: [
      target(
        'soak: server still serving after the abuse and the nested frame',
        alive ? 1 : 0,
        { text: 'yes', ok: (value) => value === 1 },
        (value) => (value === 1 ? 'yes' : 'no'),
      ),
      target(
        'soak: healthy member, lines lost during the abuse',
        during.length > 0 ? lost : null,
        { text: '= 0', ok: (value) => value === 0 },
        String,
      ),
    ],
  }
}
