// 2. Renders: a 1,000-message burst right after open; renders of a component that reads only the
// status and of one that reads only the last message (React development build, no StrictMode).
import { startBenchServer } from '../env/benchServer.js'
import { mount, newProbe } from '../env/react.js'
import { interleave, pick, sleep, until } from '../measure.js'
import { type ScenarioContext, type ScenarioResult, target } from '../scenario.js'
import { type Cell, summarize, type Table } from '../stats.js'
import { missing } from '../types.js'

const BURST = 1_000
/** The burst reaches the client in this many TCP writes, 1 ms apart (see env/serverProcess.ts). */
const CHUNKS = 20
const STATUS_RENDERS_TARGET = 2

interface Sample {
  readonly statusRenders: number
  readonly messageRenders: number
  readonly delivered: boolean
}

/** Waits until no probe rendered for `quiet` ms (React has flushed everything it scheduled). */
async function settle(renders: () => number, quiet = 50, timeout = 2_000): Promise<void> {
  const deadline = performance.now() + timeout
  let last = -1
  while (renders() !== last && performance.now() < deadline) {
    last = renders()
    await sleep(quiet)
  }
}

export async function run({ contenders, progress }: ScenarioContext): Promise<ScenarioResult> {
  const server = await startBenchServer()
  const url = `${server.url}/renders?burst=${BURST}&chunks=${CHUNKS}`
  const samples = await interleave(
    contenders,
    async (contender, round): Promise<Sample> => {
      if (contender.role === 'subject') progress(`round ${round}`)
      const statusProbe = newProbe()
      const messageProbe = newProbe()
      let toStatus = 0
      let toMessage = 0
      const mounted = mount([
        {
          contender,
          url,
          reads: 'status',
          probe: statusProbe,
          options: { onMessage: () => toStatus++ },
        },
        {
          contender,
          url,
          reads: 'lastMessage',
          probe: messageProbe,
          options: { onMessage: () => toMessage++ },
        },
      ])
      const delivered = await until(() => toStatus >= BURST && toMessage >= BURST, 10_000)
      await settle(() => statusProbe.renders + messageProbe.renders)
      const sample = {
        statusRenders: statusProbe.renders,
        messageRenders: messageProbe.renders,
        delivered,
      }
      mounted.unmount()
      await until(() => false, 20)
      return sample
    },
    (contender) => missing(contender, 'react'),
  )
  await server.close()

  let lifeline: { status: number | null; message: number | null } = { status: null, message: null }
  let raw: number | null = null
  const rows: Cell[][] = contenders.map((contender) => {
    const na = missing(contender, 'react')
    if (na) return [contender.name, na, na, '']
    const list = samples.get(contender)
    const status = summarize(pick(list, (s) => s.statusRenders))
    const message = summarize(pick(list, (s) => s.messageRenders))
    if (contender.role === 'subject')
      lifeline = { status: status?.max ?? null, message: message?.median ?? null }
    if (contender.role === 'floor') raw = message?.median ?? null
    const lost = (list ?? []).filter((s) => !s.delivered).length
    return [
      contender.name,
      status ?? '–',
      message ?? '–',
      lost > 0 ? `${lost} round(s) lost messages` : '',
    ]
  })
  const table: Table = {
    title: `2. Renders for a ${BURST.toLocaleString('en-US')}-message burst right after open`,
    notes: [
      'React development build, no StrictMode, jsdom, no act(): updates are scheduled as in a browser. Two components, each with its own hook and connection; the server writes the burst right after the upgrade. Median (min–max) of 5 rounds after a warm-up; mount included.',
    ],
    columns: ['contender', 'reads status only', 'reads last message only', 'note'],
    rows,
  }
  const { status, message } = lifeline
  const rawRenders: number | null = raw
  return {
    tables: [table],
    targets: [
      target(
        'status-only component renders for the burst (worst round)',
        status,
        {
          text: `= ${STATUS_RENDERS_TARGET} (mount + open)`,
          ok: (v) => v === STATUS_RENDERS_TARGET,
        },
        String,
      ),
      target(
        'last-message component renders vs raw glue hook (median)',
        message === null || rawRenders === null ? null : message,
        {
          text: `≤ raw glue (${rawRenders ?? '?'})`,
          ok: (v) => rawRenders !== null && v <= rawRenders,
        },
        String,
      ),
    ],
  }
}
