import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { loadavg } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { BackpressureOptions, Rate, RateLimitOptions } from '@lifeline/server'
import { WebSocketServer } from 'ws'
import { CHAT_QUEUE } from '../src/protocol.js'
import { type AddressLimitOptions, createAddressLimits } from './addressLimits.js'
import { attachChat } from './chatEndpoint.js'
import { createChatService } from './chatService.js'
import { closeGracefully } from './closeGracefully.js'
import { createHttpHandler, isLoopbackRequest } from './httpRoutes.js'
import { attachLab } from './labEndpoint.js'
import { normaliseAddress } from './loopback.js'
import { collectMetrics, createCounters, formatLogLine, type Metrics } from './metrics.js'
import { isLocalOrigin } from './origins.js'
import { attachSessionChat } from './sessionChatEndpoint.js'
import { createUpgradeHandler } from './upgradeRoutes.js'

const SECOND = 1000
const KIB = 1024
/** Default heartbeat sweep interval: a dead peer is gone within two of them. */
export const DEFAULT_HEARTBEAT_INTERVAL = 10 * SECOND
/** Default largest frame accepted, in bytes: a chat line is at most 2,000 characters. */
export const DEFAULT_MAX_PAYLOAD = 16 * KIB
/**
 * Default per-connection limits on /chat. Sustained: far above typing, far below a runaway loop.
 * Burst: a client's whole queue at once after a reconnect (its join included), with room for
 * heartbeats and lines sent again, in frames and in bytes (a line is at most ~6 KB as JSON).
 */
export const DEFAULT_CHAT_RATE_LIMIT: RateLimitOptions = {
  frames: { perSecond: 20, burst: CHAT_QUEUE + 20 },
  bytes: { perSecond: 32 * KIB, burst: 1024 * KIB },
  strikes: 10,
}
/** Default per-connection limits on /lab: a Lifeline client's default queue (1,000) at once. */
export const DEFAULT_LAB_RATE_LIMIT: RateLimitOptions = {
  frames: { perSecond: 100, burst: 1_100 },
  bytes: { perSecond: 512 * KIB, burst: 4 * 1024 * KIB },
  strikes: 10,
}
/** Default backpressure of both endpoints: 1 MiB unsent for 5 s, and the client is not reading. */
export const DEFAULT_BACKPRESSURE: BackpressureOptions = { limit: 1024 * KIB, grace: 5 * SECOND }
/** Default joins per address on /chat: a few tabs at once, then one every 2 s. */
export const DEFAULT_JOINS: Rate = { perSecond: 0.5, burst: 10 }
/** Default chat lines per address: a reconnecting client's whole queue at once, then 10/s. */
export const DEFAULT_LINES: Rate = { perSecond: 10, burst: CHAT_QUEUE + 20 }
/** Default time a client has to send a whole upgrade request, in ms. */
export const DEFAULT_UPGRADE_TIMEOUT = 5 * SECOND
/** Default interval of the status log line. */
export const DEFAULT_LOG_INTERVAL = 5 * SECOND
/** How long `close()` waits for clients to answer the close handshake before cutting them off. */
const CLOSE_GRACE = 1 * SECOND
/** The resolution of the event-loop stall figure, in ms. */
const LOOP_RESOLUTION = 10

/** Options of {@link createChatServer}. */
export interface ChatServerOptions {
  /** TCP port; default `0` (the OS picks a free one, read it from `port`). */
  port?: number
  /** Interface to listen on; default `'127.0.0.1'` (the demo is not meant to face a network). */
  host?: string
  /** Whether a browser page of this origin may open a socket. Requests without `Origin` (non-browser clients) are always accepted. Default: `http(s)://localhost:*`, `http(s)://127.0.0.1:*` and `http(s)://[::1]:*`. */
  allowedOrigins?: (origin: string) => boolean
  /** Heartbeat sweep interval of both endpoints, in ms; default `10_000`. */
  heartbeatInterval?: number
  /** Largest frame accepted, in bytes; a bigger one closes its connection with 1009. Default `16 * 1024`. */
  maxPayload?: number
  /** Per-connection limits on /chat frames and bytes, heartbeats included; default {@link DEFAULT_CHAT_RATE_LIMIT}. */
  rateLimit?: RateLimitOptions
  /** The same for /lab; default {@link DEFAULT_LAB_RATE_LIMIT}. */
  labRateLimit?: RateLimitOptions
  /** Unsent bytes a socket may hold, both endpoints; default {@link DEFAULT_BACKPRESSURE}. */
  backpressure?: BackpressureOptions
  /** Joins per address on /chat; default {@link DEFAULT_JOINS}. */
  joins?: Rate
  /** Chat lines per address; default {@link DEFAULT_LINES}. */
  lines?: Rate
  /** Connections per remote address: open at once, and new ones per second; default 32 open, 20 at once then 1/s. */
  addressLimits?: AddressLimitOptions
  /** How long a client has to send a whole HTTP request (an upgrade included), in ms; default `5_000`. */
  upgradeTimeout?: number
  /** Who may read `/metrics`; default: requests from this machine naming a loopback `Host` ({@link isLoopbackRequest}). */
  metricsAccess?: (request: IncomingMessage) => boolean
  /** Told when a handler threw (its connection was closed with 1011); default `console.error`. */
  onError?: (error: unknown) => void
  /** Receives the periodic status line; default: nothing is logged. */
  log?: (line: string) => void
  /** How often `log` is called, in ms; default `5_000`, `0` for never. */
  logInterval?: number
}

/** A running chat server. */
export interface ChatServer {
  /** The port listened on (the real one when `port` was 0). */
  readonly port: number
  /** `ws://HOST:PORT`, without a path: endpoints are `${url}/lab` and `${url}/chat`. */
  readonly url: string
  /** A snapshot of the counters, as `/metrics` serves them; after `close()`, the final counts. */
  metrics(): Metrics
  /** Closes every connection (1001, then terminated after a 1 s grace), stops the timers and the listener. Idempotent. */
  close(): Promise<void>
}

const logHandlerError = (error: unknown): void => {
  console.error('[chat] a handler threw; its connection was closed with 1011:', error)
}

/**
 * Answers a connection turned away before its request was read: 429 then closed, so a browser
 * reports a status instead of a reset. Cheap enough to do under a flood of connections.
 */
function turnAway(socket: Socket): void {
  socket.on('error', () => socket.destroy())
  socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
  socket.once('finish', () => socket.destroy())
}

/**
 * Starts the demo's server: one HTTP listener serving the `/lab` (echo), `/chat` and
 * `/chat/session` (the same chat over Lifeline sessions) WebSocket endpoints, `GET /metrics` (Prometheus text, to this machine only by default) and `GET /health`.
 * Every limit is on by default: per-connection rate limits and backpressure, connections per
 * address, a short timeout for unfinished requests and upgrades.
 *
 * @returns Once listening; rejects if the port cannot be bound.
 * @example
 * ```ts
 * const server = await createChatServer({ port: 8787, log: console.log })
 * console.log(`${server.url}/chat`)
 * await server.close()
 * ```
 */
export async function createChatServer(options: ChatServerOptions = {}): Promise<ChatServer> {
  const host = options.host ?? '127.0.0.1'
  const interval = options.heartbeatInterval ?? DEFAULT_HEARTBEAT_INTERVAL
  const maxPayload = options.maxPayload ?? DEFAULT_MAX_PAYLOAD
  const logInterval = options.logInterval ?? DEFAULT_LOG_INTERVAL
  const upgradeTimeout = options.upgradeTimeout ?? DEFAULT_UPGRADE_TIMEOUT
  const backpressure = options.backpressure ?? DEFAULT_BACKPRESSURE
  const onError = options.onError ?? logHandlerError
  const counters = createCounters()
  const addresses = createAddressLimits(options.addressLimits)

  // One frame per turn of the event loop and connection: a client that sends a thousand frames in
  // one read has them handled one at a time between everybody else's, not all at once.
  const wssOptions = { noServer: true, maxPayload, allowSynchronousEvents: false }
  const labWss = new WebSocketServer(wssOptions)
  const chatWss = new WebSocketServer(wssOptions)
  const sessionWss = new WebSocketServer(wssOptions)
  // One chat for every way in: a member over a session meets the members over plain sockets.
  const chat = createChatService({
    counters,
    joins: options.joins ?? DEFAULT_JOINS,
    lines: options.lines ?? DEFAULT_LINES,
  })
  const chatOptions = {
    interval,
    counters,
    onError,
    rateLimit: options.rateLimit ?? DEFAULT_CHAT_RATE_LIMIT,
    backpressure,
    chat,
  }
  const endpoints = [
    attachLab(labWss, {
      interval,
      counters,
      onError,
      rateLimit: options.labRateLimit ?? DEFAULT_LAB_RATE_LIMIT,
      backpressure,
    }),
    attachChat(chatWss, chatOptions),
    attachSessionChat(sessionWss, chatOptions),
  ]
  // A 10 ms timer's lateness is the loop's stall: the figure `/metrics` reports (and resets).
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION })
  loopDelay.enable()
  const metrics = (): Metrics =>
    collectMetrics({
      counters,
      endpoints: endpoints.map((endpoint) => endpoint.stats()),
      loadAverage: loadavg(),
      eventLoopDelayMax: Math.max(0, loopDelay.max / 1e6 - LOOP_RESOLUTION),
    })
  const scrape = (): Metrics => {
    const snapshot = metrics()
    loopDelay.reset()
    return snapshot
  }

  const server = createServer(
    {
      // Node's defaults hold a connection that never finishes its request for a minute or more.
      headersTimeout: upgradeTimeout,
      requestTimeout: upgradeTimeout,
      connectionsCheckingInterval: Math.min(SECOND, upgradeTimeout),
    },
    createHttpHandler(scrape, options.metricsAccess ?? isLoopbackRequest),
  )
  // Counted at the TCP level, before a byte is parsed: an unfinished upgrade holds its place too.
  server.on('connection', (socket: Socket) => {
    const address = normaliseAddress(socket.remoteAddress)
    if (!addresses.admit(address)) {
      counters.connectionsRefused++
      return turnAway(socket)
    }
    socket.once('close', () => addresses.release(address))
  })
  server.on(
    'upgrade',
    createUpgradeHandler({
      endpoints: new Map([
        ['/lab', labWss],
        ['/chat', chatWss],
        ['/chat/session', sessionWss],
      ]),
      allowedOrigins: options.allowedOrigins ?? isLocalOrigin,
      onError,
    }),
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      // Nothing was served: undo what was set up so a failed start leaves no sweep behind.
      for (const endpoint of endpoints) endpoint.stop()
      loopDelay.disable()
      reject(error)
    })
    server.listen(options.port ?? 0, host, () => {
      server.removeAllListeners('error')
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port

  const { log } = options
  const logTimer =
    log && logInterval > 0
      ? setInterval(() => log(formatLogLine(metrics())), logInterval)
      : undefined
  // The log alone must not keep a process alive that is otherwise done.
  logTimer?.unref()

  let closing: Promise<void> | undefined
  const close = async (): Promise<void> => {
    clearInterval(logTimer)
    await closeGracefully({ server, endpoints: [labWss, chatWss, sessionWss], grace: CLOSE_GRACE })
    // Stopped only now, so the counts they keep after stopping are those of a closed server.
    for (const endpoint of endpoints) endpoint.stop()
    loopDelay.disable()
  }

  return {
    port,
    url: `ws://${urlHost(host)}:${port}`,
    metrics,
    close: () => {
      closing ??= close()
      return closing
    },
  }
}

/** The host as it goes in a URL: wildcards become loopback, IPv6 literals get brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}
