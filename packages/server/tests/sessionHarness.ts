import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { createLifeline, type LifelineOptions } from '@lifeline/core'
import { session } from '@lifeline/core/session'
import type { Cleanup } from '@lifeline/test-utils'
import WebSocket, { WebSocketServer } from 'ws'
import {
  attachHeartbeat,
  attachSessions,
  type ServerSession,
  type SessionServerOptions,
} from '../src/index.js'

/** A ws server on 127.0.0.1 with sessions (and heartbeat replies), and every session it made. */
export async function startSessionServer(
  cleanup: Cleanup,
  options: SessionServerOptions & { port?: number } = {},
) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0 })
  wss.on('connection', (socket) => socket.on('error', () => {}))
  const heartbeat = attachHeartbeat(wss, { interval: 60_000 })
  const sessions = attachSessions(wss, options)
  const made: ServerSession[] = []
  /** Text received per session id, in order. */
  const received = new Map<string, string[]>()
  sessions.onSession((s) => {
    made.push(s)
    received.set(s.id, received.get(s.id) ?? [])
    s.onMessage((text) => received.get(s.id)?.push(text))
  })
  const stop = async () => {
    sessions.stop()
    heartbeat.stop()
    for (const client of wss.clients) client.terminate()
    await new Promise<void>((resolve) => wss.close(() => resolve()))
  }
  cleanup.push(stop)
  await once(wss, 'listening')
  const { port } = wss.address() as AddressInfo
  return { wss, sessions, made, received, port, url: `ws://127.0.0.1:${port}`, stop }
}

/** A Lifeline client with a session, short timings, and every message it got, in order. */
export function sessionClient(
  url: string,
  cleanup: Cleanup,
  options: LifelineOptions & { buffer?: number } = {},
) {
  const { buffer, ...rest } = options
  const line = createLifeline(url, {
    WebSocket: WebSocket as never,
    reconnect: { minDelay: 20, maxDelay: 100, jitter: 0, minUptime: 100 },
    connectTimeout: 1_000,
    session: session(buffer === undefined ? {} : { buffer }),
    ...rest,
  })
  const got: string[] = []
  line.onMessage((data) => got.push(String(data)))
  cleanup.push(() => line.destroy())
  return { line, got }
}

/** `0 … n-1` as strings with a prefix, the shape every ordered stream in these tests has. */
export const numbered = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}`)
