// S1. The dead-peer sweep at 10,000 idle connections: how long the server's event loop stalls while
// it sweeps. The server runs alone in its own process (env/sweepServer.ts); the clients are plain
// `ws` sockets in this process, which answer protocol pings by themselves.
import { fileURLToPath } from 'node:url'
import { WebSocket } from 'ws'
import { forkReady } from '../env/forked.js'
import type { Sweeper, SweepMeasurement } from '../env/sweepServer.js'
import { pick, sleep } from '../measure.js'
import { type ScenarioContext, type ScenarioResult, target } from '../scenario.js'
import { type Cell, summarize } from '../stats.js'

const CONNECTIONS = 10_000
/** Connections opened at a time while setting up. */
const BATCH = 250
const INTERVAL = 1_000
/** Each window holds this many sweeps. */
const WINDOW = 4 * INTERVAL
const ROUNDS = 3
const GOAL = 50
const SWEEPERS: ReadonlyArray<{ readonly sweeper: Sweeper; readonly label: string }> = [
  { sweeper: 'none', label: 'no sweep (floor: the idle sockets alone)' },
  { sweeper: 'one-loop', label: "one loop per interval (ws's README heartbeat)" },
  { sweeper: 'lifeline', label: 'attachHeartbeat (@lifeline/server)' },
]

async function openAll(url: string, progress: (text: string) => void): Promise<WebSocket[]> {
  const sockets: WebSocket[] = []
  while (sockets.length < CONNECTIONS) {
    const batch = Array.from(
      { length: Math.min(BATCH, CONNECTIONS - sockets.length) },
      () => new WebSocket(url),
    )
    await Promise.all(
      batch.map(
        (socket) =>
          new Promise<void>((resolve, reject) => {
            socket.once('open', () => resolve())
            socket.once('error', reject)
          }),
      ),
    )
    for (const socket of batch) socket.on('error', () => {})
    sockets.push(...batch)
    if (sockets.length % 2_500 === 0) progress(`${sockets.length} connections open`)
  }
  return sockets
}

export async function run({ progress }: ScenarioContext): Promise<ScenarioResult> {
  const server = await forkReady(fileURLToPath(new URL('../env/sweepServer.ts', import.meta.url)))
  const url = `ws://127.0.0.1:${String(server.ready['port'])}`
  const sockets = await openAll(url, progress)
  await sleep(1_000)
  const samples = new Map<Sweeper, SweepMeasurement[]>(SWEEPERS.map(({ sweeper }) => [sweeper, []]))
  // A warm-up round first, then the sweepers in turns, so drift spreads over all of them alike.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const { sweeper } of SWEEPERS) {
      const { result } = await server.request<{ result: SweepMeasurement }>({
        type: 'measure',
        sweeper,
        interval: INTERVAL,
        window: WINDOW,
      })
      if (round > 0) samples.get(sweeper)?.push(result)
      progress(`round ${round} ${sweeper}: longest stall ${result.maxStall.toFixed(1)} ms`)
      // Pongs of the last sweep still arriving must not land in the next sweeper's window.
      await sleep(500)
    }
  }
  for (const socket of sockets) socket.terminate()
  await server.close()

  const rows: Cell[][] = SWEEPERS.map(({ sweeper, label }) => {
    const list = samples.get(sweeper)
    const open = Math.min(...pick(list, (s) => s.open))
    return [
      label,
      summarize(pick(list, (s) => s.maxStall)) ?? '–',
      summarize(pick(list, (s) => s.p99)) ?? '–',
      Math.max(...pick(list, (s) => s.terminated)),
      open === CONNECTIONS ? 'all open throughout' : `${open} open at worst`,
    ]
  })
  const lifeline = pick(samples.get('lifeline'), (s) => s.maxStall)
  return {
    tables: [
      {
        title: `S1. Dead-peer sweep at ${CONNECTIONS.toLocaleString('en-US')} idle connections (event-loop stalls of the server, ms)`,
        notes: [
          `One \`ws\` server alone in its own process, ${CONNECTIONS.toLocaleString('en-US')} idle \`ws\` clients in another (they answer protocol pings by themselves), sweep interval ${INTERVAL.toLocaleString('en-US')} ms. Stall = how late a 1 ms timer fired (\`perf_hooks.monitorEventLoopDelay\`, resolution 1 ms, minus that 1 ms), over a ${WINDOW / 1000} s window of ${WINDOW / INTERVAL} sweeps, the pongs included. Median (min–max) of ${ROUNDS} rounds after a warm-up, sweepers in turns.`,
        ],
        columns: [
          'sweeper',
          'longest stall',
          'p99 of the delay',
          'terminated (worst round)',
          'note',
        ],
        rows,
        digits: [0, 1, 1, 0, 0],
      },
    ],
    targets: [
      target(
        `sweep at ${CONNECTIONS.toLocaleString('en-US')} idle connections: longest event-loop stall (worst round)`,
        lifeline.length === ROUNDS ? Math.max(...lifeline) : null,
        { text: `≤ ${GOAL} ms`, ok: (value) => value <= GOAL },
        (value) => `${value.toFixed(1)} ms`,
      ),
    ],
  }
}
