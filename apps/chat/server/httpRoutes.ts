import type { IncomingMessage, ServerResponse } from 'node:http'
import { hostnameOf, isLoopbackAddress, isLoopbackHostname } from './loopback.js'
import { formatMetrics, type Metrics } from './metrics.js'

/** The content type Prometheus expects for the text exposition format. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

/**
 * The default policy of `/metrics`: only a request from this machine (a loopback peer address)
 * that also names this machine in its `Host` header. The second check stops a web page from
 * reading the metrics through DNS rebinding (its requests carry its own host name); the first stops
 * a server listening on a public interface from serving them to the network.
 */
export function isLoopbackRequest(request: IncomingMessage): boolean {
  const hostname = hostnameOf(request.headers.host)
  return (
    isLoopbackAddress(request.socket.remoteAddress) &&
    hostname !== undefined &&
    isLoopbackHostname(hostname)
  )
}

/**
 * The plain HTTP side of the server: `GET /metrics` (Prometheus text, to the requests that
 * `metricsAccess` allows; 403 for the others), `GET /health` (`ok`), and 404 for anything else.
 * WebSocket upgrades never reach it (see `upgradeRoutes.ts`).
 *
 * @param metrics Read on each scrape, so the numbers are always current (figures "since the
 * previous scrape" are reset by it).
 * @param metricsAccess Who may read `/metrics`. Default {@link isLoopbackRequest}.
 */
export function createHttpHandler(
  metrics: () => Metrics,
  metricsAccess: (request: IncomingMessage) => boolean = isLoopbackRequest,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const path = pathOf(request)
    if (request.method === 'GET' && path === '/metrics') {
      if (!metricsAccess(request)) {
        return reply(
          response,
          403,
          'text/plain; charset=utf-8',
          'metrics are served to this machine only',
        )
      }
      return reply(response, 200, METRICS_CONTENT_TYPE, formatMetrics(metrics()))
    }
    if (request.method === 'GET' && path === '/health') {
      return reply(response, 200, 'text/plain; charset=utf-8', 'ok')
    }
    reply(response, 404, 'text/plain; charset=utf-8', 'not found')
  }
}

/** The request's path without its query string; `undefined` for a URL that does not parse. */
export function pathOf(request: IncomingMessage): string | undefined {
  try {
    // The base only makes a relative request target parse; its host is never used.
    return new URL(request.url ?? '/', 'http://localhost').pathname
  } catch {
    return undefined
  }
}

function reply(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
  response.end(body)
}
