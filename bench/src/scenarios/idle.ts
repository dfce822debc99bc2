// 7c. Cost as work grows: heap and idle CPU per connection for 1,000 idle core connections with
// heartbeat on, in one plain Node process (no jsdom: nothing browser-only is attached) against one
// server in its own process.
import { type BenchServer, startBenchServer } from '../env/benchServer.js'
import { BenchWebSocket } from '../env/sockets.js'
import { cpuMicros, interleave, pick, sleep, until } from '../measure.js'
import type { ScenarioContext, ScenarioResult } from '../scenario.js'
import { type Cell, summarize } from '../stats.js'
import { type Contender, missing } from '../types.js'

const CONNECTIONS = 1_000
const WINDOW = 2_000
const HEARTBEAT = { interval: 1_000, timeout: 1_000 }

interface Sample {
  readonly bytes: number
  readonly cpu: number
  readonly open: boolean
}

/** A full collection, twice, with a pause for sockets that are still closing. */
async function collect(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('idle: run with --expose-gc')
  await sleep(100)
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

async function once(contender: Contender, server: BenchServer): Promise<Sample> {
  const heartbeat = missing(contender, 'heartbeat') ? {} : { heartbeat: HEARTBEAT }
  const before = await collect()
  const connections = Array.from({ length: CONNECTIONS }, () =>
    contender.connect?.(`${server.url}/idle`, { WebSocket: BenchWebSocket, ...heartbeat }),
  )
  const open = await until(() => connections.every((c) => c?.status() === 'open'), 15_000, 20)
  // CPU first: a forced gc() just before the window would add its own after-effects to it.
  await sleep(200)
  const cpuBefore = cpuMicros()
  await sleep(WINDOW)
  const cpu = (cpuMicros() - cpuBefore) / CONNECTIONS / (WINDOW / 1_000)
  const bytes = ((await collect()) - before) / CONNECTIONS
  for (const connection of connections) connection?.close()
  for (let i = 0; i < 100 && (await server.clients('/idle')) > 0; i++) await sleep(20)
  return { bytes, cpu, open }
}

/** Without heartbeat only the floor runs: the cost of a bare socket. */
const skip = (contender: Contender): string | null =>
  contender.role === 'floor' ? missing(contender, 'core') : missing(contender, 'core', 'heartbeat')

export async function run({ contenders, progress }: ScenarioContext): Promise<ScenarioResult> {
  const server = await startBenchServer()
  const samples = await interleave(
    contenders,
    (contender, round) => {
      if (contender.role === 'subject') progress(`round ${round}`)
      return once(contender, server)
    },
    skip,
  )
  await server.close()
  const rows: Cell[][] = contenders.map((contender) => {
    const na = skip(contender)
    if (na) return [contender.name, na, na, na]
    const list = samples.get(contender)
    const failed = (list ?? []).filter((sample) => !sample.open).length
    const what = missing(contender, 'heartbeat')
      ? 'no heartbeat: a bare socket'
      : 'heartbeat 1,000/1,000 ms'
    return [
      contender.name,
      summarize(pick(list, (s) => s.bytes)) ?? '–',
      summarize(pick(list, (s) => s.cpu)) ?? '–',
      failed > 0 ? `${what}; ${failed} round(s) not all open` : what,
    ]
  })
  return {
    tables: [
      {
        title: `7c. Cost as work grows: ${CONNECTIONS.toLocaleString('en-US')} idle core connections in one Node process`,
        notes: [
          `Plain Node (no jsdom), \`ws\` sockets, one server in its own process. Heap = heapUsed after gc() with the connections open minus before, ÷ ${CONNECTIONS.toLocaleString('en-US')} (the socket itself included: compare with the floor). CPU = process.cpuUsage over ${WINDOW / 1000} s idle ÷ connections ÷ seconds. Median (min–max) of 5 rounds after a warm-up.`,
        ],
        columns: [
          'contender',
          'heap bytes per connection',
          'CPU µs per connection per second',
          'note',
        ],
        rows,
        digits: [0, 0, 1, 0],
      },
    ],
    targets: [],
  }
}
