import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { Socket } from 'node:net'
import {
  type RawData,
  type VerifyClientCallbackAsync,
  type VerifyClientCallbackSync,
  WebSocket,
  WebSocketServer,
} from 'ws'
import type { GoAwayOptions, ServerControls } from '../shared/controls.js'
import { createHeartbeat, type HeartbeatSetting } from '../shared/heartbeat.js'
import { createRecorder, type Observations, withObservations } from '../shared/observations.js'
import { LOOPBACK, listenOnLoopback } from './listenOnLoopback.js'
import { createSessionRouter } from './sessionRouter.js'

/** How long `comeBack()` keeps retrying a port still in use, in ms. */
const LISTEN_RETRY_MS = 1_000

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /** Port to listen on. Default `0`: the OS picks a free one. Always on 127.0.0.1. */
  port?: number
  /**
   * Your own server code on the test server's `ws` server (`attachSessions`, your handlers…). With
   * it, the built-in behaviour (echo, heartbeat replies, sessions) is off and the test server only
   * adds its port, counts and controls. A function it returns is called on `close()`.
   */
  serve?: (wss: WebSocketServer) => unknown
  /** Send every app message back to its sender. Default `true`. Heartbeat pings are never echoed. */
  echo?: boolean
  /**
   * Lifeline's heartbeat: `true` (default) answers `'ping'` with `'pong'`; `{ ping, pong }` for
   * other texts; `false` counts pings and answers none.
   */
  heartbeat?: HeartbeatSetting
  /**
   * Speak Lifeline sessions with a client whose first frame is the session handshake, through
   * `attachSessions` of `@lifeline/server` (the session's messages are echoed, recorded and passed
   * to `onMessage` as their payloads). Default `true`.
   */
  sessions?: boolean
  /** Called for each accepted connection, after it has been counted. */
  onConnection?: (socket: WebSocket, request: IncomingMessage) => void
  /**
   * Called for every app message after echo ran (a session's payloads once each, in order);
   * heartbeat pings and session control frames never. `socket` is the `ws` socket it came on.
   */
  onMessage?: (socket: WebSocket, data: string | Buffer, isBinary: boolean) => void
  /** Passed to `ws` as is: accept or reject each upgrade. */
  verifyClient?: VerifyClientCallbackSync | VerifyClientCallbackAsync
}

/** A real `ws` server on 127.0.0.1, with counts and controls for tests. */
export interface TestServer extends ServerControls {
  /** `ws://127.0.0.1:PORT`; the same after `goAway()` and `comeBack()`. */
  readonly url: string
  /** The port; the same after `goAway()` and `comeBack()`. */
  readonly port: number
  /** The `ws` server: one instance across `goAway()`/`comeBack()`, so listeners on it stay. */
  readonly wss: WebSocketServer
  /** Server-side sockets open now. */
  clients(): WebSocket[]
  /** Stops for good: every connection destroyed, the port released. Idempotent. */
  close(): Promise<void>
}

/**
 * Starts a real `ws` server on 127.0.0.1 for Node tests: by default an echo server that answers
 * Lifeline's heartbeat and speaks sessions with clients that open one; with `serve`, a host for
 * your own server code. Its controls (send, close with a code, drop without a close, freeze, go
 * away and come back) are the MSW mock's.
 *
 * @example
 * ```ts
 * const server = await startTestServer()
 * afterEach(() => server.close())
 * const line = createLifeline(server.url, { WebSocket, heartbeat: true })
 * await waitForStatus(line, 'open')
 * server.dropAll() // the client sees 1006 and reconnects
 * ```
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { serve, echo = true, sessions = true, onConnection, onMessage, verifyClient } = options
  const builtIn = serve === undefined
  const heartbeat = createHeartbeat(builtIn ? options.heartbeat : false)
  const recorder = createRecorder()
  // One `noServer` instance upgrades for each successive HTTP listener, so `wss` (and any listener
  // on it) survives goAway/comeBack; only the HTTP listener is replaced.
  const wss = new WebSocketServer({ noServer: true, ...(verifyClient ? { verifyClient } : {}) })
  const tcpSockets = new Set<Socket>()
  // Upgrades that arrived while frozen: answered on thaw, as a stopped process would.
  const heldUpgrades: Array<() => void> = []
  let http: Server | undefined
  let port = options.port ?? 0
  let frozen = false
  let starting: Promise<void> | undefined
  let closing: Promise<void> | undefined

  const deliver = (socket: WebSocket, data: string | Buffer, isBinary: boolean): void => {
    if (typeof data === 'string') recorder.received(data)
    if (builtIn && echo) socket.send(data, { binary: isBinary })
    onMessage?.(socket, data, isBinary)
  }
  const router =
    builtIn && sessions
      ? createSessionRouter({
          echo,
          deliver: (socket, payload) => {
            recorder.received(payload)
            onMessage?.(socket, payload, false)
          },
        })
      : null

  wss.on('connection', (socket, request) => {
    recorder.connected(request.headers['sec-websocket-protocol'] ?? '')
    // A reset from the client surfaces as 'error'; unhandled, it would crash the test run.
    socket.on('error', () => {})
    socket.on('message', (raw: RawData, isBinary: boolean) => {
      const buffer = toBuffer(raw)
      const data = isBinary ? buffer : buffer.toString('utf8')
      if (typeof data === 'string' && heartbeat.isPing(data)) {
        recorder.pinged()
        const pong = heartbeat.reply(data)
        if (pong !== null) socket.send(pong)
        return
      }
      if (typeof data === 'string' && router?.claims(socket, data, request)) return
      deliver(socket, data, isBinary)
    })
    onConnection?.(socket, request)
  })
  const stopServing = serve?.(wss)

  const listen = async (): Promise<void> => {
    const server = createServer((_request, response) => {
      response.writeHead(426).end()
    })
    server.on('connection', (tcp) => {
      tcpSockets.add(tcp)
      tcp.on('close', () => tcpSockets.delete(tcp))
    })
    server.on('upgrade', (request, tcp, head) => {
      const upgrade = (): void => {
        if (tcp.destroyed) return
        wss.handleUpgrade(request, tcp, head, (socket) => {
          wss.emit('connection', socket, request)
        })
      }
      if (frozen) heldUpgrades.push(upgrade)
      else upgrade()
    })
    port = await listenOnLoopback(server, port, LISTEN_RETRY_MS)
    http = server
  }

  const stopListening = async (): Promise<void> => {
    const server = http
    if (!server) return
    http = undefined
    heldUpgrades.length = 0
    for (const socket of wss.clients) socket.terminate()
    for (const tcp of tcpSockets) tcp.destroy()
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
    })
  }

  await listen()

  return withObservations<Omit<TestServer, keyof Observations>>(recorder, {
    get url() {
      return `ws://${LOOPBACK}:${port}`
    },
    get port() {
      return port
    },
    wss,
    clients: () => [...wss.clients].filter((socket) => socket.readyState === WebSocket.OPEN),
    send(data) {
      for (const socket of wss.clients) {
        if (socket.readyState === WebSocket.OPEN && !router?.carries(socket)) socket.send(data)
      }
      // Every session, also those whose client is away: they get it when they resume.
      router?.sendAll(data)
    },
    closeAll(code, reason) {
      for (const socket of wss.clients) socket.close(code, reason)
    },
    dropAll() {
      for (const socket of wss.clients) socket.terminate()
    },
    // Stops reading and writing on every TCP connection: bytes wait in the kernel and in the
    // socket's buffer, and a close from the client is not seen, exactly as with SIGSTOP.
    freeze() {
      if (frozen) return
      frozen = true
      for (const tcp of tcpSockets) {
        tcp.pause()
        tcp.cork()
      }
    },
    thaw() {
      if (!frozen) return
      frozen = false
      for (const tcp of tcpSockets) {
        tcp.uncork()
        tcp.resume()
      }
      for (const upgrade of heldUpgrades.splice(0)) upgrade()
    },
    async goAway(goAwayOptions: GoAwayOptions = {}) {
      await stopListening()
      if (goAwayOptions.forgetSessions) router?.forget()
    },
    async comeBack() {
      if (closing) throw new Error('comeBack(): the test server was closed')
      if (http) return
      // Concurrent calls share one listen instead of racing for the port.
      starting ??= listen().finally(() => {
        starting = undefined
      })
      await starting
    },
    close: () => {
      closing ??= stopListening().then(() => {
        router?.stop()
        if (typeof stopServing === 'function') stopServing()
        return new Promise<void>((resolve) => {
          wss.close(() => resolve())
        })
      })
      return closing
    },
  })
}

/** Normalises the three shapes `ws` may deliver a message in. */
function toBuffer(raw: RawData): Buffer {
  if (Buffer.isBuffer(raw)) return raw
  if (Array.isArray(raw)) return Buffer.concat(raw)
  return Buffer.from(raw)
}
