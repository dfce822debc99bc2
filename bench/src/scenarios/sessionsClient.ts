// The Lifeline clients of scenario 9, with a session or without: the same options either way.
import { createLifeline, type Lifeline } from '@lifeline/core'
import { session } from '@lifeline/core/session'
import { BenchWebSocket } from '../env/sockets.js'

/** With a session, or plain. */
export type Mode = 'session' | 'plain'
export const MODES: readonly Mode[] = ['session', 'plain']

/** One client of the run and what it counted. */
export interface Client {
  readonly line: Lifeline
  /** Numbered messages it sent. */
  sent: number
  /** Stream numbers received, per server epoch. */
  readonly got: Map<number, number[]>
  /** Handshakes that told it `resumed: false`. */
  told: number
}

/**
 * Client `k`: its `hello` names it (`id:k`) on every socket; it records the server's stream numbers
 * per epoch, and counts the handshakes that said `resumed: false`.
 */
export function client(mode: Mode, url: string, k: number): Client {
  const line = createLifeline(url, {
    WebSocket: BenchWebSocket,
    heartbeat: { interval: 1_000, timeout: 1_000 },
    reconnect: { minDelay: 100, maxDelay: 1_000 },
    connectTimeout: 2_000,
    queue: { maxSize: 10_000 },
    parse: false,
    hello: () => `id:${k}`,
    ...(mode === 'session' ? { session: session({ buffer: 10_000 }) } : {}),
  })
  const c: Client = { line, sent: 0, got: new Map(), told: 0 }
  line.onMessage((data) => {
    const text = String(data)
    if (!text.startsWith('s:')) return
    const [, epoch, n] = text.split(':')
    const list = c.got.get(Number(epoch)) ?? []
    c.got.set(Number(epoch), list)
    list.push(Number(n))
  })
  line.onEvent((event) => {
    if (event.type === 'session' && !event.resumed) c.told++
  })
  return c
}
