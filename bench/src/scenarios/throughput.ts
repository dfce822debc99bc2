// 3. Throughput: 100,000 small frames from the server (another process); messages/s and CPU µs per
// message up to the message callback. React level: the hook in React's production build vs a raw
// socket in minimal useState glue; core level: the library alone vs a raw `ws` socket.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startBenchServer } from '../env/benchServer.js'
import { meter, type ThroughputSample } from '../env/coreThroughput.js'
import { mount, newProbe } from '../env/react.js'
import { interleave, pick, sleep, until } from '../measure.js'
import { type ScenarioContext, type ScenarioResult, target } from '../scenario.js'
import { type Cell, formatNumber, ratio, summarize, type Table } from '../stats.js'
import { type Contender, type Feature, missing, variant } from '../types.js'

const FRAMES = 100_000
const WARM_UP = 10_000
const HOOK_TARGET = 1.1
const CORE_TARGET = 1.05
const SETTLE = 150
// More rounds than elsewhere: CPU time is the noisiest figure here, and the fastest round counts.
const ROUNDS = 8

type Sample = ThroughputSample

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

const CHILD = fileURLToPath(new URL('../env/coreThroughputChild.ts', import.meta.url))

/** A process of its own for one contender's core-level runs (see coreThroughputChild.ts). */
interface CoreWorker {
  run(url: string): Promise<Sample>
  stop(): void
}

function startCoreWorker(contender: Contender): Promise<CoreWorker> {
  const args = [
    ...process.execArgv,
    CHILD,
    contender.variantOf?.name ?? contender.name,
    JSON.stringify(contender.variantOf?.forced ?? {}),
  ]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] })
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4_000)
  })
  let waiting: { resolve(sample: Sample): void; reject(error: Error): void } | null = null
  const failed = (code: number | null) =>
    new Error(`core throughput of ${contender.name} failed (exit ${code}):\n${errors}`)
  return new Promise((resolve, reject) => {
    child.on('message', (message: { type: string; sample?: Sample }) => {
      if (message.type === 'ready') {
        resolve({
          run: (url) =>
            new Promise((done, fail) => {
              waiting = { resolve: done, reject: fail }
              child.send({ type: 'run', url, frames: FRAMES, warmUp: WARM_UP })
            }),
          stop: () => child.send({ type: 'exit' }),
        })
      } else if (message.type === 'result' && message.sample) {
        waiting?.resolve(message.sample)
        waiting = null
      }
    })
    child.on('exit', (code) => {
      reject(failed(code))
      waiting?.reject(failed(code))
    })
  })
}

interface Pairs {
  /** Each row's floor: the raw socket doing the same work (parsing or not). */
  readonly floorOf: Map<Contender, Contender>
  /** The rows whose ratio is a target. */
  readonly subjects: readonly Contender[]
}

/**
 * Lifeline parses text frames by default (`parse: JSON.parse`) and the other libraries do not, so
 * each is compared with a raw socket doing the same work: Lifeline as configured by default with a
 * raw socket that calls `JSON.parse` in its listener, everything that delivers text as is (Lifeline
 * with `parse: false`, the other libraries) with the bare raw socket.
 */
function pairUp(contenders: readonly Contender[]): { rows: Contender[]; pairs: Pairs } {
  const floor = contenders.find((c) => c.role === 'floor')
  const subject = contenders.find((c) => c.role === 'subject')
  const floorOf = new Map<Contender, Contender>()
  const rows: Contender[] = []
  const subjects: Contender[] = []
  for (const contender of contenders) {
    if (contender === subject) {
      const asText = variant(contender, ', parse: false', { parse: false })
      rows.push(contender, asText)
      subjects.push(contender, asText)
      if (floor) floorOf.set(asText, floor)
      continue
    }
    rows.push(contender)
    if (contender === floor) {
      const parsing = variant(contender, ' + JSON.parse', { parseJson: true })
      rows.push(parsing)
      if (subject) floorOf.set(subject, parsing)
      continue
    }
    if (floor) floorOf.set(contender, floor)
  }
  return { rows, pairs: { floorOf, subjects } }
}

function table(
  level: 'hook' | 'core',
  contenders: readonly Contender[],
  samples: Map<Contender, Sample[]>,
  pairs: Pairs,
  need: Feature,
): { table: Table; ratios: Map<Contender, number | null> } {
  const fastest = (c: Contender | undefined): number | undefined =>
    c && summarize(pick(samples.get(c), (s) => s.cpuPerMessage))?.min
  const ratios = new Map<Contender, number | null>()
  const rows: Cell[][] = contenders.map((contender) => {
    const na = missing(contender, need)
    if (na) return [contender.name, na, na, na, na]
    const cpu = summarize(pick(samples.get(contender), (s) => s.cpuPerMessage))
    const rate = summarize(pick(samples.get(contender), (s) => s.perSecond))
    const floor = pairs.floorOf.get(contender)
    const vsFloor = floor ? ratio(fastest(contender), fastest(floor)) : null
    if (pairs.subjects.includes(contender)) ratios.set(contender, vsFloor)
    return [
      contender.name,
      rate ?? '–',
      cpu ?? '–',
      floor ? floor.name : '–',
      vsFloor === null ? '–' : `${vsFloor.toFixed(2)}×`,
    ]
  })
  const where =
    level === 'hook'
      ? `a component reading the last message, React production build (NODE_ENV=production), jsdom, \`ws\` sockets; the floor is a raw socket in minimal useState glue. Each contender's turn starts with an unmeasured ${formatNumber(WARM_UP)}-frame run (React re-optimises for each library) and ends with a ${SETTLE} ms pause`
      : `the library alone in Node with \`ws\` sockets; the floor is a raw \`ws\` socket with a message listener. Each contender runs in a process of its own, driven in turns (an unmeasured ${formatNumber(WARM_UP)}-frame run, then the timed one): in one shared process each library leaves \`ws\`'s code optimised for itself, and the next one pays`
  return {
    ratios,
    table: {
      title: `3${level === 'hook' ? 'a' : 'b'}. Throughput, ${level === 'hook' ? 'React hook' : 'core'}: ${formatNumber(FRAMES)} frames`,
      notes: [
        `Frames \`{"n":i}\` (9–13 bytes) written at once by a server in another process; ${where}. CPU = process.cpuUsage (user + system, all threads) from the first message callback to the last. Median (min–max) of ${ROUNDS} rounds after a warm-up.`,
        'Equal work: Lifeline parses text frames by default (`parse: JSON.parse`) and is compared with a raw socket that calls `JSON.parse` in its listener; everything that delivers text as it came (Lifeline with `parse: false`, the other libraries) with the bare raw socket.',
        "Fastest round vs fastest round: interference (other work on the machine, the server process, the garbage collector) only ever adds CPU time, so the fastest of the rounds is the closest to each one's own cost; the medians show the spread.",
      ],
      columns: [
        'contender',
        'messages/s',
        'CPU µs/message',
        'floor (same work)',
        'CPU vs floor, fastest rounds',
      ],
      rows,
      digits: [0, 0, 2],
    },
  }
}

export async function run(context: ScenarioContext): Promise<ScenarioResult> {
  const { progress } = context
  const { rows: contenders, pairs } = pairUp(context.contenders)
  const server = await startBenchServer()
  const url = (frames: number) => `${server.url}/throughput?burst=${frames}`
  const measureLevel = async (level: 'hook' | 'core', need: Feature) => {
    const workers = new Map<Contender, CoreWorker>()
    if (level === 'core') {
      for (const contender of contenders) {
        if (missing(contender, need) === null)
          workers.set(contender, await startCoreWorker(contender))
      }
    }
    try {
      return await interleave(
        contenders,
        async (contender, round) => {
          if (contender.role === 'subject') progress(`${level} round ${round}`)
          const worker = workers.get(contender)
          if (worker) return worker.run(`${server.url}/throughput`)
          // React re-optimises for each library: an unmeasured run pays that first.
          await viaHook(contender, url(WARM_UP), WARM_UP)
          const sample = await viaHook(contender, url(FRAMES), FRAMES)
          // Background GC of this run must not land in the next contender's CPU time.
          await sleep(SETTLE)
          return sample
        },
        (contender) => missing(contender, need),
        ROUNDS,
      )
    } finally {
      for (const worker of workers.values()) worker.stop()
    }
  }
  const hooks = table('hook', contenders, await measureLevel('hook', 'react'), pairs, 'react')
  const cores = table('core', contenders, await measureLevel('core', 'core'), pairs, 'core')
  await server.close()
  const times = (v: number): string => `${v.toFixed(2)}× raw`
  const targets = (level: string, ratios: Map<Contender, number | null>, goal: number) =>
    pairs.subjects.map((subject) =>
      target(
        `CPU per message, ${level} (${subject.name}) vs ${pairs.floorOf.get(subject)?.name ?? 'raw'}, fastest rounds`,
        ratios.get(subject) ?? null,
        { text: `≤ ${goal}×`, ok: (v) => v <= goal },
        times,
      ),
    )
  return {
    tables: [hooks.table, cores.table],
    targets: [
      ...targets('hook', hooks.ratios, HOOK_TARGET),
      ...targets('core', cores.ratios, CORE_TARGET),
    ],
  }
}
