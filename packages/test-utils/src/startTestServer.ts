import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { Socket } from 'node:net'
import {
  type RawData,
  type VerifyClientCallbackAsync,
  type VerifyClientCallbackSync,
  WebSocket,
  WebSocketServer,
} from 'ws'
import { LOOPBACK, listenOnLoopback } from './listenOnLoopback.js'
import { waitFor } from './waitFor.js'

const PING = 'ping'
const PONG = 'pong'
/** How long a (re)start keeps retrying a port that is still in use, in milliseconds. */
const LISTEN_RETRY_MS = 1000

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /** Port to listen on; default 0 (the OS picks a free one). Always on 127.0.0.1. */
  port?: number
  /** Send every text and binary message back to its sender. Default true. Heartbeat pings are never echoed. */
  echo?: boolean
  /** Answer each text `'ping'` with `'pong'`. Default true; with false, pings are counted and ignored. */
  heartbeat?: boolean
  /** Called for each accepted connection, after it has been counted. */
  onConnection?: (socket: WebSocket, request: IncomingMessage) => void
  /** Called for every message, heartbeat pings included, after echo and heartbeat have run. */
  onMessage?: (socket: WebSocket, data: string | Buffer, isBinary: boolean) => void
  /** Passed to `ws` as is: accept or reject each upgrade (sync or with a callback). */
  verifyClient?: VerifyClientCallbackSync | VerifyClientCallbackAsync
}

/** A text message received by a {@link TestServer}, with `Date.now()` at reception in `at`. */
export interface ReceivedMessage {
  data: string
  at: number
}

/** A running `ws` server on 127.0.0.1 with counters and controls for tests. */
export interface TestServer {
  /** `ws://127.0.0.1:PORT`; unchanged by `kill()` and `restart()`. */
  readonly url: string
  /** The port, kept across `kill()` and `restart()`. */
  readonly port: number
  /** The `ws` server; the same instance across restarts, so listeners on it stay attached. */
  readonly wss: WebSocketServer
  /** Server-side sockets that are currently open. */
  clients(): WebSocket[]
  /** Connections accepted since start, restarts included. */
  readonly connections: number
  /** Text messages received, in order, heartbeat pings excluded. The live array: tests may clear it. */
  readonly received: ReceivedMessage[]
  /** Heartbeat pings (text `'ping'`) received since start. */
  readonly pings: number
  /** The raw `Sec-WebSocket-Protocol` request header of each accepted connection (`ws` joins with `,`, browsers with `, `), `''` when absent. */
  readonly protocols: string[]
  /** Resolves once `connections >= n`; rejects after `timeoutMs` (default 5000) with the count. */
  waitForConnections(n: number, timeoutMs?: number): Promise<void>
  /** Resolves with every text received so far (maybe more than `n`) once there are `n`; rejects after `timeoutMs` (default 5000). */
  waitForMessages(n: number, timeoutMs?: number): Promise<string[]>
  /** Starts a clean close handshake with every client (the client sees `code`, default 1005). */
  closeAll(code?: number, reason?: string): void
  /** Destroys every connection without a close frame (clients see 1006) and stops listening; keeps the port. */
  kill(): Promise<void>
  /** Listens again on the same port; resolves at once if already listening. Rejects after `close()`. */
  restart(): Promise<void>
  /** Destroys every connection and stops for good. Idempotent. */
  close(): Promise<void>
}

/**
 * Starts a `ws` server on 127.0.0.1 (port 0 by default) that echoes messages and answers heartbeats.
 *
 * @example
 * const server = await startTestServer()
 * afterEach(() => server.close())
 * const client = new WebSocket(server.url)
 * await server.waitForConnections(1)
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { echo = true, heartbeat = true, onConnection, onMessage, verifyClient } = options
  // One `noServer` instance upgrades for each successive HTTP listener, so `wss` (and any listener a
  // test attached to it) survives kill/restart; only the HTTP listener is replaced.
  const wss = new WebSocketServer({ noServer: true, ...(verifyClient ? { verifyClient } : {}) })
  // Raw TCP connections of the current listener, so kill() also ends upgrades still in progress.
  const tcpSockets = new Set<Socket>()
  const received: ReceivedMessage[] = []
  const protocols: string[] = []
  let http: Server | undefined
  let port = options.port ?? 0
  let connections = 0
  let pings = 0
  let starting: Promise<void> | undefined
  let closing: Promise<void> | undefined

  wss.on('connection', (socket, request) => {
    connections += 1
    protocols.push(request.headers['sec-websocket-protocol'] ?? '')
    // A reset from the client surfaces as 'error'; unhandled, it would crash the test run.
    socket.on('error', () => {})
    socket.on('message', (raw, isBinary) => {
      const buffer = toBuffer(raw)
      const data = isBinary ? buffer : buffer.toString('utf8')
      if (data === PING) {
        pings += 1
        if (heartbeat) socket.send(PONG)
      } else {
        if (typeof data === 'string') received.push({ data, at: Date.now() })
        if (echo) socket.send(data, { binary: isBinary })
      }
      onMessage?.(socket, data, isBinary)
    })
    onConnection?.(socket, request)
  })

  const listen = async (): Promise<void> => {
    const server = createServer((_request, response) => {
      response.writeHead(426).end()
    })
    server.on('connection', (tcp) => {
      tcpSockets.add(tcp)
      tcp.on('close', () => tcpSockets.delete(tcp))
    })
    server.on('upgrade', (request, tcp, head) => {
      wss.handleUpgrade(request, tcp, head, (socket) => {
        wss.emit('connection', socket, request)
      })
    })
    port = await listenOnLoopback(server, port, LISTEN_RETRY_MS)
    http = server
  }

  const stopListening = async (): Promise<void> => {
    const server = http
    if (!server) return
    http = undefined
    for (const socket of wss.clients) socket.terminate()
    for (const tcp of tcpSockets) tcp.destroy()
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
    })
  }

  await listen()

  return {
    get url() {
      return `ws://${LOOPBACK}:${port}`
    },
    get port() {
      return port
    },
    wss,
    clients: () => [...wss.clients].filter((socket) => socket.readyState === WebSocket.OPEN),
    get connections() {
      return connections
    },
    received,
    get pings() {
      return pings
    },
    protocols,
    waitForConnections: async (n, timeoutMs = 5000) => {
      await waitFor(() => connections >= n, {
        timeout: timeoutMs,
        message: () => `waitForConnections(${n}): only ${connections} connection(s) accepted`,
      })
    },
    waitForMessages: async (n, timeoutMs = 5000) => {
      await waitFor(() => received.length >= n, {
        timeout: timeoutMs,
        message: () => `waitForMessages(${n}): only ${received.length} message(s) received`,
      })
      return received.map((message) => message.data)
    },
    closeAll: (code, reason) => {
      for (const socket of wss.clients) socket.close(code, reason)
    },
    kill: stopListening,
    restart: async () => {
      if (closing) throw new Error('restart(): the test server was closed')
      if (http) return
      // Concurrent restarts share one listen instead of racing for the port.
      starting ??= listen().finally(() => {
        starting = undefined
      })
      await starting
    },
    close: () => {
      closing ??= stopListening().then(
        () =>
          new Promise<void>((resolve) => {
            wss.close(() => resolve())
          }),
      )
      return closing
    },
  }
}

/** Normalises the three shapes `ws` may deliver a message in. */
function toBuffer(raw: RawData): Buffer {
  if (Buffer.isBuffer(raw)) return raw
  if (Array.isArray(raw)) return Buffer.concat(raw)
  return Buffer.from(raw)
}
