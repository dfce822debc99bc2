import { once } from 'node:events'
import type { AddressInfo, Socket } from 'node:net'
import type { Cleanup } from '@lifeline/test-utils'
import { type ClientOptions, type ServerOptions, WebSocket, WebSocketServer } from 'ws'
import type { HeartbeatStats } from '../src/index.js'

/** Stats with every counter not named at 0: a test states what it expects, the rest must be 0. */
export const stats = (counts: Partial<HeartbeatStats>): HeartbeatStats => ({
  active: 0,
  total: 0,
  terminated: 0,
  overloaded: 0,
  skipped: 0,
  refused: 0,
  abusive: 0,
  failed: 0,
  ...counts,
})

/** A real `ws` server on 127.0.0.1 and the server side of every connection it accepted, in order. */
export interface Server {
  readonly wss: WebSocketServer
  readonly url: string
  readonly sockets: WebSocket[]
}

/** Starts a `WebSocketServer` on 127.0.0.1, port 0; it and its connections end after the test. */
export async function startServer(
  cleanup: Cleanup,
  options: Omit<ServerOptions, 'host' | 'port'> = {},
): Promise<Server> {
  const wss = new WebSocketServer({ ...options, host: '127.0.0.1', port: 0 })
  const sockets: WebSocket[] = []
  wss.on('connection', (socket) => {
    sockets.push(socket)
    // A client reset surfaces as 'error'; unhandled, it would fail the run.
    socket.on('error', () => {})
  })
  cleanup.push(async () => {
    for (const socket of sockets) socket.terminate()
    await new Promise<void>((resolve) => wss.close(() => resolve()))
  })
  await once(wss, 'listening')
  const { port } = wss.address() as AddressInfo
  return { wss, url: `ws://127.0.0.1:${port}`, sockets }
}

/** A `ws` client and the text frames it received, in order. */
export interface Client {
  readonly socket: WebSocket
  readonly messages: string[]
  /** Protocol pings received (each one already answered by `ws`, unless frozen). */
  readonly pings: () => number
  /** Stops reading from the TCP socket: the client never sees, so never answers, another frame. */
  freeze(): void
}

/** Connects a `ws` client and resolves once it is open; it is terminated after the test. */
export async function connectClient(
  url: string,
  cleanup: Cleanup,
  options: ClientOptions = {},
): Promise<Client> {
  const socket = new WebSocket(url, options)
  const messages: string[] = []
  let pings = 0
  socket.on('message', (data, isBinary) => {
    if (!isBinary) messages.push(String(data))
  })
  socket.on('ping', () => {
    pings++
  })
  socket.on('error', () => {})
  cleanup.push(() => socket.terminate())
  await once(socket, 'open')
  return {
    socket,
    messages,
    pings: () => pings,
    // `ws` exposes no public way to stop reading; pausing its net.Socket is the test's lever.
    freeze: () => (socket as unknown as { _socket: Socket })._socket.pause(),
  }
}
