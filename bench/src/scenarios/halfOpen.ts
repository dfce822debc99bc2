// 4. Half-open: heartbeat 1,000 ms / timeout 1,000 ms. The server process is frozen with SIGSTOP
// (its TCP connections stay up) while the proxy in front of it sends new connections to a second,
// healthy server: time until the status leaves `open`, and until a new socket is open.

import { startServerProcess } from '@lifeline/test-utils'
import { startProxy, startTestServer } from '@lifeline/testing/node'
import { connectViaHook } from '../env/react.js'
import { BenchWebSocket } from '../env/sockets.js'
import { interleave, ROUNDS, sleep, until } from '../measure.js'
import { type ScenarioContext, type ScenarioResult, target } from '../scenario.js'
import { type Cell, summarizeCapped, type Table } from '../stats.js'
import { type Contender, missing } from '../types.js'

const HEARTBEAT = { interval: 1_000, timeout: 1_000 }
const CAP = 10_000
/** Lifeline's default `minDelay`: its first retry waits this long at most (jitter only shortens it). */
const FIRST_BACKOFF = 1_000
const SLACK = 50
const LEAVE_TARGET = HEARTBEAT.interval + HEARTBEAT.timeout + SLACK
const REOPEN_TARGET = LEAVE_TARGET + FIRST_BACKOFF + SLACK

interface Sample {
  /** ms from the freeze until the status left `open`; `null`: not within the cap. */
  readonly leave: number | null
  /** ms from the freeze until a new socket was open; `null`: not within the cap. */
  readonly reopen: number | null
}

const level = (contender: Contender): string => (contender.connect ? 'core' : 'hook')

async function once(contender: Contender, round: number): Promise<Sample> {
  const frozen = await startServerProcess()
  const healthy = await startTestServer()
  const proxy = await startProxy({ targetPort: frozen.port })
  const connection = contender.connect
    ? contender.connect(proxy.url, { WebSocket: BenchWebSocket, heartbeat: HEARTBEAT })
    : connectViaHook(contender, proxy.url, { heartbeat: HEARTBEAT })
  let leave: number | null = null
  let reopen: number | null = null
  if (await until(() => connection.status() === 'open', 5_000)) {
    // The freeze lands at a different point of the heartbeat cycle in each round (same for all).
    await sleep(100 + (round * (HEARTBEAT.interval - 100)) / ROUNDS)
    const frozenAt = performance.now()
    frozen.pause()
    proxy.setTarget(healthy.port)
    await until(() => {
      const open = connection.status() === 'open'
      if (leave === null && !open) leave = performance.now() - frozenAt
      if (leave !== null && open && healthy.connections > 0) reopen = performance.now() - frozenAt
      return reopen !== null
    }, CAP)
  }
  connection.close()
  await Promise.all([frozen.kill(), proxy.close(), healthy.close()])
  return { leave, reopen }
}

export async function run({ contenders, progress }: ScenarioContext): Promise<ScenarioResult> {
  const samples = await interleave(
    contenders,
    (contender, round) => {
      if (contender.role === 'subject') progress(`round ${round}`)
      return once(contender, round)
    },
    (contender) => missing(contender, 'heartbeat'),
  )
  let worst: { leave: number | null; reopen: number | null } = { leave: null, reopen: null }
  const rows: Cell[][] = contenders.map((contender) => {
    const na = missing(contender, 'heartbeat')
    if (na) return [contender.name, '–', na, na]
    const list = samples.get(contender) ?? []
    if (contender.role === 'subject') {
      const max = (values: (number | null)[]) =>
        values.some((v) => v === null)
          ? Number.POSITIVE_INFINITY
          : Math.max(...(values as number[]))
      worst = { leave: max(list.map((s) => s.leave)), reopen: max(list.map((s) => s.reopen)) }
    }
    return [
      contender.name,
      level(contender),
      summarizeCapped(
        list.map((s) => s.leave),
        '> 10 s',
      ),
      summarizeCapped(
        list.map((s) => s.reopen),
        '> 10 s',
      ),
    ]
  })
  const table: Table = {
    title: '4. Half-open link: heartbeat 1,000 ms, timeout 1,000 ms (ms after the freeze)',
    notes: [
      'Client → TCP proxy (test-utils startProxy) → echo server in a child process (startServerProcess). At the freeze the server gets SIGSTOP (its TCP stays up, no close ever arrives) and the proxy sends new connections to a healthy server on the same URL. The freeze comes 280–1,000 ms after open (a different heartbeat phase each round, the same for every contender). Hooks run in jsdom with `ws` sockets. Median (min–max) of 5 rounds after a warm-up; a round stops at 10 s.',
      'Heartbeat mapping: react-use-websocket counts its timeout from the last message, so it gets (interval 1,000, timeout 2,000); websocket-heartbeat-js gets pingTimeout 1,000, pongTimeout 1,000. Both close the dead socket with close(), which waits for a closing handshake the frozen peer never answers.',
    ],
    columns: ['contender', 'level', 'status leaves `open`', 'new socket open'],
    rows,
  }
  const { leave, reopen } = worst
  const ms = (v: number): string => (Number.isFinite(v) ? `${Math.round(v)} ms` : '> 10 s')
  return {
    tables: [table],
    targets: [
      target(
        'half-open: status leaves `open` (worst round)',
        leave,
        {
          text: `≤ interval + timeout + ${SLACK} = ${LEAVE_TARGET} ms`,
          ok: (v) => v <= LEAVE_TARGET,
        },
        ms,
      ),
      target(
        'half-open: new socket open (worst round)',
        reopen,
        {
          text: `≤ ${LEAVE_TARGET} + first backoff ${FIRST_BACKOFF} + ${SLACK} = ${REOPEN_TARGET} ms`,
          ok: (v) => v <= REOPEN_TARGET,
        },
        ms,
      ),
    ],
  }
}
