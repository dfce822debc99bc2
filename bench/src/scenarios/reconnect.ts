// 5. Reconnect: the server is killed (clients see 1006) and listens again 500 ms later on the
// same port; time from listening to a new open socket, and the sockets constructed meanwhile.
import { startTestServer } from '@lifeline/testing/node'
import { connectViaHook } from '../env/react.js'
import { BenchWebSocket, constructed } from '../env/sockets.js'
import { interleave, pick, sleep, until } from '../measure.js'
import type { ScenarioContext, ScenarioResult } from '../scenario.js'
import { type Cell, summarize, summarizeCapped, type Table } from '../stats.js'
import { type Contender, missing } from '../types.js'

const DOWN = 500
const CAP = 10_000

interface Sample {
  /** ms from listening again to open; `null`: not within the cap. */
  readonly toOpen: number | null
  /** Sockets constructed from the kill to the open (or the cap), the successful one included. */
  readonly attempts: number
}

async function once(contender: Contender): Promise<Sample> {
  const server = await startTestServer()
  const connection = contender.connect
    ? contender.connect(server.url, { WebSocket: BenchWebSocket })
    : connectViaHook(contender, server.url, {})
  let toOpen: number | null = null
  let before = constructed.count
  if (await until(() => connection.status() === 'open', 5_000)) {
    await sleep(200)
    before = constructed.count
    const killedAt = performance.now()
    await server.goAway()
    await sleep(DOWN - (performance.now() - killedAt))
    await server.comeBack()
    const listeningAt = performance.now()
    // A status may lag (a hook renders it): the link must be seen down before it counts as back.
    let seenDown = false
    await until(() => {
      const open = connection.status() === 'open'
      if (!open) seenDown = true
      if (seenDown && open) toOpen = performance.now() - listeningAt
      return toOpen !== null
    }, CAP)
  }
  const attempts = constructed.count - before
  connection.close()
  await server.close()
  return { toOpen, attempts }
}

export async function run({ contenders, progress }: ScenarioContext): Promise<ScenarioResult> {
  const samples = await interleave(
    contenders,
    (contender, round) => {
      if (contender.role === 'subject') progress(`round ${round}`)
      return once(contender)
    },
    (contender) => missing(contender, 'reconnect'),
  )
  const rows: Cell[][] = contenders.map((contender) => {
    const na = missing(contender, 'reconnect')
    if (na) return [contender.name, '–', na, na]
    const list = samples.get(contender)
    return [
      contender.name,
      contender.connect ? 'core' : 'hook',
      summarizeCapped(
        (list ?? []).map((s) => s.toOpen),
        '> 10 s',
      ),
      summarize(pick(list, (s) => s.attempts)) ?? '–',
    ]
  })
  const table: Table = {
    title: `5. Reconnect: server killed, listening again ${DOWN} ms later`,
    notes: [
      'Each library with its default backoff (Lifeline: 1 s × 2ⁿ, jitter 0.5; partysocket: 3 s × 1.3ⁿ; reconnecting-websocket: a delay drawn once per page in 1–5 s, × 1.3ⁿ; websocket-heartbeat-js: 2 s; ahooks: 3 s, 3 tries; react-use-websocket: 5 s, and only with `shouldReconnect`, which is set). Server in the scenario process (test-utils startTestServer kill/restart, same port). Attempts = sockets constructed after the kill, the one that opened included. Median (min–max) of 5 rounds after a warm-up; a round stops at 10 s.',
    ],
    columns: ['contender', 'level', 'listening → open (ms)', 'attempts'],
    rows,
  }
  return { tables: [table], targets: [] }
}
