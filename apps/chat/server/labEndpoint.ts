import { attachHeartbeat, type BackpressureOptions, type RateLimitOptions } from '@lifeline/server'
import type { RawData, WebSocket, WebSocketServer } from 'ws'
import { type Endpoint, type EndpointOptions, serveEndpoint } from './endpoint.js'

/** Options of {@link attachLab}. */
export interface LabEndpointOptions extends EndpointOptions {
  /** Per-connection limits on frames and bytes, heartbeats included. */
  readonly rateLimit: RateLimitOptions
  /** What a client that does not read its echoes may leave unsent. */
  readonly backpressure: BackpressureOptions
}

/**
 * The connection lab (`/lab`): echoes every text and binary frame as is, and answers the plain
 * `'ping'` heartbeat with `'pong'` (not echoed), so the demo can watch Lifeline's heartbeat, delays
 * and reconnections against the simplest possible server.
 *
 * The lab exists to be pushed, so its rate limit is generous, but it has one: an echo doubles
 * whatever a flood costs. Echoes to a client that does not read them are skipped past the
 * backpressure limit, and such a client is closed, so it cannot grow the server.
 *
 * @example
 * ```ts
 * const lab = attachLab(new WebSocketServer({ noServer: true }), {
 *   interval: 10_000, counters, onError: console.error, rateLimit: {}, backpressure: {},
 * })
 * ```
 */
export function attachLab(wss: WebSocketServer, options: LabEndpointOptions): Endpoint {
  const { counters } = options
  const heartbeat = attachHeartbeat(wss, {
    interval: options.interval,
    rateLimit: options.rateLimit,
    backpressure: options.backpressure,
    onError: (error) => options.onError(error),
  })

  const onConnection = (socket: WebSocket): void => {
    heartbeat.handle(socket, {
      message(data: RawData, isBinary: boolean) {
        counters.messagesIn++
        const payload = Array.isArray(data) ? Buffer.concat(data) : data
        if (heartbeat.send(socket, payload, { binary: isBinary }) === 'sent') counters.messagesOut++
      },
      refused() {
        counters.messagesIn++
      },
    })
  }
  return serveEndpoint(wss, heartbeat, onConnection)
}
