import type { IncomingMessage, ServerResponse } from 'node:http'
import { formatMetrics, type Metrics } from './metrics.js'

/** The content type Prometheus expects for the text exposition format. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

/**
 * The plain HTTP side of the server: `GET /metrics` (Prometheus text), `GET /health` (`ok`), and
 * 404 for anything else. WebSocket upgrades never reach it (see `upgradeRoutes.ts`).
 *
 * @param metrics Read on each scrape, so the numbers are always current.
 */
export function createHttpHandler(
  metrics: () => Metrics,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const path = pathOf(request)
    if (request.method === 'GET' && path === '/metrics') {
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
