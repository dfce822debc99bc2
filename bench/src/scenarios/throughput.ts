// 3. Throughput: 100,000 small frames from the server (another process); messages/s and CPU µs per
// message up to the message callback. React level: the hook in React's production build vs a raw
// socket in minimal useState glue; core level: the library alone vs a raw `ws` socket.
import { startBenchServer } from '../env/benchServer.js'
import { mount, newProbe } from '../env/react.js'
import { BenchWebSocket } from '../env/sockets.js'
import { cpuMicros, interleave, pick, sleep, until } from '../measure.js'
import { type ScenarioContext, type ScenarioResult, target } from '../scenario.js'
import { type Cell, formatNumber, ratio, summarize, type Table } from '../stats.js'
import { type Contender, type Feature, missing, withoutParsing } from '../types.js'

const FRAMES = 100_000
const WARM_UP = 10_000
const HOOK_TARGET = 1.1
const CORE_TARGET = 1.05
const SETTLE = 150

interface Sample {
  readonly cpuPerMessage: number
  readonly perSecond: number
}

/** Counts messages; CPU and wall clock from the first message to the last (connect excluded). */
function meter(frames: number): { tick(): void; done(): boolean; sample(): Sample } {
  let count = 0
  let cpu0 = 0
  let wall0 = 0
  let result: Sample = { cpuPerMessage: Number.NaN, perSecond: Number.NaN }
  return {
    tick() {
      count++
      if (count === 1) {
        cpu0 = cpuMicros()
        wall0 = performance.now()
      } else if (count === frames) {
        const cpu = cpuMicros() - cpu0
        const wall = performance.now() - wall0
        result = { cpuPerMessage: cpu / (frames - 1), perSecond: ((frames - 1) / wall) * 1000 }
      }
    },
    done: () => count >= frames,
    sample: () => result,
  }
}

async function viaHook(contender: Contender, url: string, frames: number): Promise<Sample> {
  const counter = meter(frames)
  const probe = newProbe()
  const mounted = mount([
    { contender, url, reads: 'lastMessage', probe, options: { onMessage: counter.tick } },
  ])
  await until(counter.done, 30_000, 5)
  mounted.unmount()
  return counter.sample()
}

async function viaCore(contender: Contender, url: string, frames: number): Promise<Sample> {
  const counter = meter(frames)
  const connection = contender.connect?.(url, { WebSocket: BenchWebSocket })
  connection?.onMessage(counter.tick)
  await until(counter.done, 30_000, 5)
  connection?.close()
  return counter.sample()
}

function table(
  level: 'hook' | 'core',
  contenders: readonly Contender[],
  samples: Map<Contender, Sample[]>,
  need: Feature,
): { table: Table; ratio: number | null } {
  const floor = contenders.find((c) => c.role === 'floor')
  const floorCpu = summarize(pick(samples.get(floor as Contender), (s) => s.cpuPerMessage))?.median
  let subject: number | null = null
  const rows: Cell[][] = contenders.map((contender) => {
    const na = missing(contender, need)
    if (na) return [contender.name, na, na, na]
    const cpu = summarize(pick(samples.get(contender), (s) => s.cpuPerMessage))
    const rate = summarize(pick(samples.get(contender), (s) => s.perSecond))
    const vsFloor = ratio(cpu?.median, floorCpu)
    if (contender.role === 'subject') subject = vsFloor
    return [
      contender.name,
      rate ?? '–',
      cpu ?? '–',
      vsFloor === null ? '–' : `${vsFloor.toFixed(2)}×`,
    ]
  })
  const where =
    level === 'hook'
      ? 'a component reading the last message, React production build (NODE_ENV=production), jsdom, `ws` sockets; the floor is a raw socket in minimal useState glue'
      : 'the library alone in Node with `ws` sockets; the floor is a raw `ws` socket with a message listener'
  return {
    ratio: subject,
    table: {
      title: `3${level === 'hook' ? 'a' : 'b'}. Throughput, ${level === 'hook' ? 'React hook' : 'core'}: ${formatNumber(FRAMES)} frames`,
      notes: [
        `Frames \`{"n":i}\` (9–13 bytes) written at once by a server in another process; ${where}. CPU = process.cpuUsage (user + system, all threads) from the first message callback to the last; each contender's turn starts with an unmeasured ${formatNumber(WARM_UP)}-frame run (shared code such as React re-optimises for each library) and ends with a ${SETTLE} ms pause. Lifeline parses each frame (its default \`parse: JSON.parse\`); the others do not, hence the diagnostic row without parsing (not used in any target). Median (min–max) of 5 rounds after a warm-up.`,
      ],
      columns: ['contender', 'messages/s', 'CPU µs/message', 'CPU vs floor'],
      rows,
      digits: [0, 0, 2],
    },
  }
}

export async function run(context: ScenarioContext): Promise<ScenarioResult> {
  const { progress } = context
  // Lifeline parses every frame by default; a row without parsing tells that cost from the rest.
  const contenders = context.contenders.flatMap((contender) =>
    contender.role === 'subject' ? [contender, withoutParsing(contender)] : [contender],
  )
  const server = await startBenchServer()
  const url = (frames: number) => `${server.url}/throughput?burst=${frames}`
  const measureLevel = async (level: 'hook' | 'core', need: Feature) =>
    interleave(
      contenders,
      async (contender, round) => {
        if (contender.role === 'subject') progress(`${level} round ${round}`)
        const via = level === 'hook' ? viaHook : viaCore
        // Shared code (React, ws) re-optimises for each library: an unmeasured run pays that first.
        await via(contender, url(WARM_UP), WARM_UP)
        const sample = await via(contender, url(FRAMES), FRAMES)
        // Background GC of this run must not land in the next contender's CPU time.
        await sleep(SETTLE)
        return sample
      },
      (contender) => missing(contender, need),
    )
  const hooks = table('hook', contenders, await measureLevel('hook', 'react'), 'react')
  const cores = table('core', contenders, await measureLevel('core', 'core'), 'core')
  await server.close()
  const times = (v: number): string => `${v.toFixed(2)}× raw`
  return {
    tables: [hooks.table, cores.table],
    targets: [
      target(
        'CPU per message, hook vs raw socket in useState glue (median)',
        hooks.ratio,
        { text: `≤ ${HOOK_TARGET}×`, ok: (v) => v <= HOOK_TARGET },
        times,
      ),
      target(
        'CPU per message, core vs raw `ws` socket (median)',
        cores.ratio,
        { text: `≤ ${CORE_TARGET}×`, ok: (v) => v <= CORE_TARGET },
        times,
      ),
    ],
  }
}
