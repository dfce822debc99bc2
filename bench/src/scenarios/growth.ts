// 7. Cost as work grows (a, b): per-message receive cost after 1 and after 1,000 queued messages
// (core), and with 1 and 10 hooks sharing one connection (React production build). Part c, idle
// connections, is `idle.ts`: it runs in a process without jsdom.
import { startBenchServer } from '../env/benchServer.js'
import { mount, newProbe } from '../env/react.js'
import { BenchWebSocket } from '../env/sockets.js'
import { cpuMicros, interleave, pick, sleep, until } from '../measure.js'
import type { ScenarioContext, ScenarioResult } from '../scenario.js'
import { type Cell, ratio, summarize, type Table } from '../stats.js'
import { type Contender, type Feature, missing } from '../types.js'

const QUEUED = [1, 1_000] as const
const RECEIVE = 50_000
const SHARE_BURST = 20_000
const HOOKS = [1, 10] as const
const WARM_UP = 5_000

type Url = (path: string) => string
/**
 * Pause after each measurement: V8 collects the garbage of a run on background threads, whose CPU
 * process.cpuUsage() counts, and it must not land in the next contender's numbers. (A forced gc()
 * instead made every later run slower: it ages and flushes compiled code.)
 */
const SETTLE = 200

/** CPU µs per call of `tick` from its first call to its `n`-th. */
function perMessage(n: number): { tick(): void; done(): boolean; micros(): number } {
  let count = 0
  let start = 0
  let micros = Number.NaN
  return {
    tick() {
      count++
      if (count === 1) start = cpuMicros()
      else if (count === n) micros = (cpuMicros() - start) / (n - 1)
    },
    done: () => count >= n,
    micros: () => micros,
  }
}

interface AfterQueue {
  /** CPU µs per message of a burst received after the queue was flushed. */
  readonly receive: number
  /** CPU ms from connect to the k-th echo: set-up, flush and echoes. */
  readonly flush: number
}

/** Sends `k` messages while down, connects, waits for their echoes, then times a burst. */
async function afterQueue(contender: Contender, url: Url, k: number): Promise<AfterQueue> {
  const connection = contender.connect?.(url('/queue'), {
    WebSocket: BenchWebSocket,
    startClosed: true,
  })
  if (!connection) throw new Error('no core')
  let echoes = 0
  const burst = perMessage(RECEIVE)
  connection.onMessage((data) => (String(data).startsWith('{"q"') ? echoes++ : burst.tick()))
  for (let i = 0; i < k; i++) connection.send(`{"q":${i}}`)
  const start = cpuMicros()
  connection.start()
  await until(() => echoes >= k, 10_000, 1)
  const flush = (cpuMicros() - start) / 1_000
  connection.send(`burst:${RECEIVE}`)
  await until(burst.done, 20_000)
  connection.close()
  await sleep(SETTLE)
  return { receive: burst.micros(), flush }
}

/** `hooks` components sharing one connection, each reading the last message; µs per message. */
async function shared(
  contender: Contender,
  url: Url,
  hooks: number,
  key: string,
  frames = SHARE_BURST,
): Promise<number> {
  const counter = perMessage(frames)
  const target = url(`/share/${key}?burst=${frames}`)
  const specs = Array.from({ length: hooks }, (_, index) => ({
    contender,
    url: target,
    reads: 'lastMessage' as const,
    probe: newProbe(),
    options: index === 0 ? { share: true, onMessage: counter.tick } : { share: true },
  }))
  const mounted = mount(specs)
  await until(counter.done, 20_000)
  mounted.unmount()
  await sleep(SETTLE)
  return counter.micros()
}

const rowOf = (contender: Contender, need: Feature[], cells: () => Cell[]): Cell[] => {
  const na = missing(contender, ...need)
  return na ? [contender.name, ...cells().map(() => na)] : [contender.name, ...cells()]
}

export async function run({ contenders, progress }: ScenarioContext): Promise<ScenarioResult> {
  const server = await startBenchServer()
  const url: Url = (path) => `${server.url}${path}`
  const say = (part: string) => (contender: Contender, round: number) => {
    if (contender.role === 'subject') progress(`${part} round ${round}`)
  }
  const queueSamples = await interleave(
    contenders,
    async (contender, round) => {
      say('queue')(contender, round)
      const samples: AfterQueue[] = []
      for (const k of QUEUED) samples.push(await afterQueue(contender, url, k))
      return samples
    },
    (contender) => missing(contender, 'core', 'queue'),
  )
  const shareSamples = await interleave(
    contenders,
    async (contender, round) => {
      say('share')(contender, round)
      const key = `${contender.name.replace(/\W+/g, '-')}-${round}`
      // React's code re-optimises for each library's hooks: an unmeasured run pays that first.
      await shared(contender, url, 1, `${key}-warm`, WARM_UP)
      const samples: number[] = []
      for (const hooks of HOOKS)
        samples.push(await shared(contender, url, hooks, `${key}-${hooks}`))
      return samples
    },
    (contender) => missing(contender, 'react', 'share'),
  )
  await server.close()

  const queueRows = contenders.map((c) =>
    rowOf(c, ['core', 'queue'], () => {
      const list = queueSamples.get(c)
      const of = (index: number, field: keyof AfterQueue) =>
        summarize(pick(list, (s) => (s[index] as AfterQueue)[field]))
      const one = of(0, 'receive')
      const many = of(1, 'receive')
      const grow = ratio(many?.median, one?.median)
      const times = grow === null ? '–' : `${grow.toFixed(2)}×`
      return [one ?? '–', many ?? '–', times, of(0, 'flush') ?? '–', of(1, 'flush') ?? '–']
    }),
  )
  const shareRows = contenders.map((c) =>
    rowOf(c, ['react', 'share'], () => {
      const list = shareSamples.get(c)
      const one = summarize(pick(list, (s) => s[0] as number))
      const ten = summarize(pick(list, (s) => s[1] as number))
      const grow = ratio(ten?.median, one?.median)
      return [one ?? '–', ten ?? '–', grow === null ? '–' : `${grow.toFixed(2)}×`]
    }),
  )
  const rounds = 'Median (min–max) of 5 rounds after a warm-up.'
  const tables: Table[] = [
    {
      title: '7a. Cost as work grows: the send queue (core; receive in CPU µs per message)',
      notes: [
        `k messages are sent before connecting (queued); the connection opens, flushes them and the server echoes them; then a burst of ${RECEIVE.toLocaleString('en-US')} frames is received and timed (CPU µs per message). The last two columns are the CPU in ms from connect to the k-th echo (set-up, flush, echoes). Node \`ws\` sockets, jsdom page loaded, ${SETTLE} ms pause after each run. ${rounds}`,
        'Lifeline parses every text frame (its default `parse: JSON.parse`) and the others do not: compare growth across rows, and see 3b for the cost per message on equal work.',
      ],
      columns: [
        'contender',
        'receive, after 1 queued',
        'receive, after 1,000 queued',
        'growth',
        'connect → echo, k = 1 (ms)',
        'connect → echoes, k = 1,000 (ms)',
      ],
      rows: queueRows,
      digits: [0, 2, 2, 0, 1, 1],
    },
    {
      title: `7b. Cost as work grows: hooks sharing one connection (CPU µs per message, ${SHARE_BURST.toLocaleString('en-US')}-frame burst)`,
      notes: [
        `\`share: true\`; every component reads the last message; the burst is written at connect; each contender's turn starts with an unmeasured ${WARM_UP.toLocaleString('en-US')}-frame run (React re-optimises for each library's hooks). React production build, jsdom. ${rounds}`,
        'Lifeline parses every text frame (its default); the growth column is the comparison.',
      ],
      columns: ['contender', '1 hook', '10 hooks', 'growth'],
      rows: shareRows,
      digits: 2,
    },
  ]
  return { tables, targets: [] }
}
