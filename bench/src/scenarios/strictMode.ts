// 6. StrictMode and leaks: sockets constructed for one StrictMode mount; after 200 mount/unmount
// cycles, sockets still open on the server and live timers (React development build).
import { startBenchServer } from '../env/benchServer.js'
import { mount, newProbe } from '../env/react.js'
import { constructed } from '../env/sockets.js'
import { installTimerCensus } from '../env/timers.js'
import { interleave, pick, until } from '../measure.js'
import { type ScenarioContext, type ScenarioResult, target } from '../scenario.js'
import { type Cell, summarize, type Table } from '../stats.js'
import { type Contender, type HookOptions, missing } from '../types.js'

const CYCLES = 200
const SETTLE = 2_000
const HEARTBEAT = { interval: 1_000, timeout: 1_000 }

interface Sample {
  readonly strictConstructions: number
  readonly openSockets: number
  readonly liveTimers: number
}

const census = installTimerCensus()
const slug = (contender: Contender): string => contender.name.replace(/[^a-z0-9]+/gi, '-')
const optionsFor = (contender: Contender): HookOptions =>
  missing(contender, 'heartbeat') ? {} : { heartbeat: HEARTBEAT }

async function strictMount(contender: Contender, url: string): Promise<number> {
  const before = constructed.count
  const probe = newProbe()
  const mounted = mount(
    [{ contender, url, reads: 'status', probe, options: optionsFor(contender) }],
    true,
  )
  await until(() => probe.status === 'open', 3_000)
  await census.sleep(100)
  const constructions = constructed.count - before
  mounted.unmount()
  return constructions
}

/** Even cycles unmount as soon as the effects ran (socket still connecting), odd ones once open. */
async function cycles(contender: Contender, url: string): Promise<void> {
  for (let i = 0; i < CYCLES; i++) {
    const probe = newProbe()
    const mounted = mount([
      { contender, url, reads: 'status', probe, options: optionsFor(contender) },
    ])
    await until(() => probe.mounted && (i % 2 === 0 || probe.status === 'open'), 2_000, 1)
    mounted.unmount()
  }
}

export async function run({ contenders, progress }: ScenarioContext): Promise<ScenarioResult> {
  const server = await startBenchServer()
  const samples = await interleave(
    contenders,
    async (contender, round): Promise<Sample> => {
      if (contender.role === 'subject') progress(`round ${round}`)
      const tag = `${slug(contender)}-${round}`
      const strictConstructions = await strictMount(contender, `${server.url}/strict/${tag}`)
      const path = `/leak/${tag}/`
      // Every timer made while cycling (and by what those timers and sockets run later) is tagged.
      await census.withTag(tag, () => cycles(contender, `${server.url}${path}`))
      let openSockets = 0
      const deadline = performance.now() + SETTLE
      do {
        await census.sleep(50)
        openSockets = await server.clients(path)
      } while ((openSockets > 0 || census.live(tag) > 0) && performance.now() < deadline)
      return { strictConstructions, openSockets, liveTimers: census.live(tag) }
    },
    (contender) => missing(contender, 'react'),
  )
  await server.close()

  const worst = {
    strict: null as number | null,
    sockets: null as number | null,
    timers: null as number | null,
  }
  const rows: Cell[][] = contenders.map((contender) => {
    const na = missing(contender, 'react')
    if (na) return [contender.name, na, na, na]
    const list = samples.get(contender)
    const strict = summarize(pick(list, (s) => s.strictConstructions))
    const sockets = summarize(pick(list, (s) => s.openSockets))
    const timers = summarize(pick(list, (s) => s.liveTimers))
    if (contender.role === 'subject') {
      worst.strict = strict?.max ?? null
      worst.sockets = sockets?.max ?? null
      worst.timers = timers?.max ?? null
    }
    return [contender.name, strict ?? '–', sockets ?? '–', timers ?? '–']
  })
  const table: Table = {
    title: `6. StrictMode and leaks (${CYCLES} mount/unmount cycles)`,
    notes: [
      `React development build in jsdom, heartbeat 1,000/1,000 ms where the library has one. StrictMode: sockets constructed for one mount (until open + 100 ms). Cycles: even ones unmount as soon as the effects ran (socket still connecting), odd ones once open; then up to ${SETTLE / 1000} s to settle. Sockets = open on the server (its own process); timers = setTimeout/setInterval (globals and window) made during the cycles, or later by what they started, neither fired nor cleared. Median (min–max) of 5 rounds after a warm-up.`,
    ],
    columns: [
      'contender',
      'sockets constructed, one StrictMode mount',
      'sockets open after the cycles',
      'live timers after the cycles',
    ],
    rows,
  }
  const count = (v: number): string => String(v)
  return {
    tables: [table],
    targets: [
      target(
        'StrictMode: sockets constructed for one mount (worst round)',
        worst.strict,
        { text: '= 1', ok: (v) => v === 1 },
        count,
      ),
      target(
        `sockets open after ${CYCLES} cycles (worst round)`,
        worst.sockets,
        { text: '= 0', ok: (v) => v === 0 },
        count,
      ),
      target(
        `live timers after ${CYCLES} cycles (worst round)`,
        worst.timers,
        { text: '= 0', ok: (v) => v === 0 },
        count,
      ),
    ],
  }
}
