// 9b. The cost of a session: client CPU per message with a session against without (receive and
// send), bytes per message on the wire, and the size of `@lifeline/core/session`.
import { createServer, type Socket, connect as tcpConnect } from 'node:net'
import { startSessionServerProcess } from '../env/sessionServerProcess.js'
import { cpuMicros, sleep, until } from '../measure.js'
import { type TargetRow, target } from '../scenario.js'
import { formatNumber, type Table } from '../stats.js'
import { measure } from './bundle.js'
import { client, MODES, type Mode } from './sessionsClient.js'

const BURST = 50_000

/** A TCP relay that counts the bytes it carries, both ways. */
async function countingRelay(port: number) {
  let bytes = 0
  const sockets = new Set<Socket>()
  const server = createServer((inbound) => {
    const outbound = tcpConnect(port, '127.0.0.1')
    for (const s of [inbound, outbound]) {
      sockets.add(s)
      s.on('error', () => {})
      s.on('data', (chunk) => {
        bytes += chunk.length
      })
    }
    inbound.pipe(outbound).pipe(inbound)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    url: `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    bytes: () => bytes,
    reset: () => {
      bytes = 0
    },
    close: () => {
      for (const s of sockets) s.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** One round of one mode. */
interface Cost {
  readonly receiveMicros: number
  readonly sendMicros: number
  readonly bytesPerMessage: number
}

/** One client against its own server process: a 50,000-message burst in, then 50,000 sends out. */
async function cost(mode: Mode): Promise<Cost> {
  const server = await startSessionServerProcess(mode, 0, 1)
  const relay = await countingRelay(server.port)
  const c = client(mode, relay.url, 0)
  let bursts = 0
  c.line.onMessage((data) => {
    if (String(data).startsWith('b:')) bursts++
  })
  await until(() => c.line.store.getState().status === 'open', 5_000)
  await sleep(200)
  relay.reset()
  const before = cpuMicros()
  server.burst(BURST)
  await until(() => bursts >= BURST, 30_000, 1)
  // Acknowledgements of the last batch are due within ACK_DELAY.
  await sleep(300)
  const receiveMicros = (cpuMicros() - before) / BURST
  const bytesPerMessage = relay.bytes() / BURST
  const sendStart = cpuMicros()
  for (let n = 0; n < BURST; n++) c.line.send(`c0:${n}`)
  const sendMicros = (cpuMicros() - sendStart) / BURST
  c.line.destroy()
  await Promise.all([server.kill(), relay.close()])
  return { receiveMicros, sendMicros, bytesPerMessage }
}

/** `@lifeline/core/session` alone, gzip, bundled as table 1 bundles everything. */
async function sessionSize(): Promise<number> {
  const sizes = await measure({ code: "export { session } from '@lifeline/core/session'" })
  return sizes.gzip
}

/** Three rounds of each mode, the fastest of each kept: table 9b and its targets. */
export async function measureCost(): Promise<{ table: Table; targets: TargetRow[] }> {
  const costs = new Map<Mode, Cost[]>(MODES.map((mode) => [mode, []]))
  for (let round = 0; round < 3; round++) {
    for (const mode of MODES) costs.get(mode)?.push(await cost(mode))
  }
  const best = (mode: Mode, field: keyof Cost) =>
    Math.min(...(costs.get(mode) ?? []).map((sample) => sample[field]))
  const ratioOf = (field: keyof Cost) => best('session', field) / best('plain', field)
  const compare = (name: string, field: keyof Cost) => [
    name,
    best('session', field),
    best('plain', field),
    `${ratioOf(field).toFixed(2)}×`,
  ]
  const size = await sessionSize()
  const table: Table = {
    title: '9b. Sessions: the cost (one client, 50,000 messages, fastest of 3 rounds)',
    notes: [
      'CPU of the client process; receive: from the burst request to the last message and its acknowledgements; send: the send() loop. Bytes: TCP bytes both ways through a counting relay during the receive burst, per message (payload `b:<n>`, 3–7 bytes).',
    ],
    columns: ['', 'with sessions', 'without', 'ratio'],
    rows: [
      compare('receive, µs/message', 'receiveMicros'),
      compare('send, µs/message', 'sendMicros'),
      compare('bytes on the wire/message', 'bytesPerMessage'),
      ['`@lifeline/core/session` alone, gzip', `${formatNumber(size)} B`, '–', '–'],
    ],
    digits: 2,
  }
  const times = (v: number) => `${v.toFixed(2)}×`
  const atMost = (limit: number) => ({ text: `≤ ${limit}×`, ok: (v: number) => v <= limit })
  return {
    table,
    targets: [
      target(
        'sessions: CPU per message received, with / without',
        ratioOf('receiveMicros'),
        atMost(1.3),
        times,
      ),
      target(
        'sessions: CPU per message sent, with / without',
        ratioOf('sendMicros'),
        atMost(1.3),
        times,
      ),
      target(
        '`@lifeline/core/session` alone, gzip',
        size,
        { text: '≤ 1,500 B', ok: (v) => v <= 1_500 },
        (v) => `${formatNumber(v)} B`,
      ),
    ],
  }
}
