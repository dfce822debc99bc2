import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadavg } from 'node:os'
import { WebSocketServer } from 'ws'
import { attachChat } from './chatEndpoint.js'
import { closeGracefully } from './closeGracefully.js'
import { createHttpHandler } from './httpRoutes.js'
import { attachLab } from './labEndpoint.js'
import { collectMetrics, createCounters, formatLogLine, type Metrics } from './metrics.js'
import { isLocalOrigin } from './origins.js'
import type { RateLimitOptions } from './rateLimit.js'
import { createUpgradeHandler } from './upgradeRoutes.js'

const SECOND = 1000
/** Default heartbeat sweep interval: a dead peer is gone within two of them. */
export const DEFAULT_HEARTBEAT_INTERVAL = 10 * SECOND
/** Default largest frame accepted, in bytes: a chat line is at most 2,000 characters. */
export const DEFAULT_MAX_PAYLOAD = 16 * 1024
/** Default per-connection rate limit on /chat: far above typing, far below a runaway loop. */
export const DEFAULT_RATE: RateLimitOptions = { perSecond: 20, burst: 40 }
/** Default interval of the status log line. */
export const DEFAULT_LOG_INTERVAL = 5 * SECOND
/** How long `close()` waits for clients to answer the close handshake before cutting them off. */
const CLOSE_GRACE = 1 * SECOND

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
  /** Per-connection token bucket on /chat, in frames; default `{ perSecond: 20, burst: 40 }`. */
  rate?: RateLimitOptions
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

/**
 * Starts the demo's server: one HTTP listener serving `/lab` (echo) and `/chat` WebSocket
 * endpoints, `GET /metrics` (Prometheus text) and `GET /health`.
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
  const counters = createCounters()

  const labWss = new WebSocketServer({ noServer: true, maxPayload })
  const chatWss = new WebSocketServer({ noServer: true, maxPayload })
  const endpoints = [
    attachLab(labWss, { interval, counters }),
    attachChat(chatWss, { interval, counters, rate: options.rate ?? DEFAULT_RATE }),
  ]
  const metrics = (): Metrics =>
    collectMetrics(
      counters,
      endpoints.map((endpoint) => endpoint.stats()),
      loadavg(),
    )

  const server = createServer(createHttpHandler(metrics))
  server.on(
    'upgrade',
    createUpgradeHandler({
      endpoints: new Map([
        ['/lab', labWss],
        ['/chat', chatWss],
      ]),
      allowedOrigins: options.allowedOrigins ?? isLocalOrigin,
    }),
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      // Nothing was served: undo what was set up so a failed start leaves no sweep behind.
      for (const endpoint of endpoints) endpoint.stop()
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
    await closeGracefully({ server, endpoints: [labWss, chatWss], grace: CLOSE_GRACE })
    // Stopped only now, so the counts they keep after stopping are those of a closed server.
    for (const endpoint of endpoints) endpoint.stop()
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
