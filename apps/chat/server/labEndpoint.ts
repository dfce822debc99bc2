import { attachHeartbeat } from '@lifeline/server'
import type { RawData, WebSocket, WebSocketServer } from 'ws'
import { type Endpoint, type EndpointOptions, serveEndpoint } from './endpoint.js'

/**
 * The connection lab (`/lab`): echoes every text and binary frame as is, and answers the plain
 * `'ping'` heartbeat with `'pong'` (not echoed), so the demo can watch Lifeline's heartbeat, delays
 * and reconnections against the simplest possible server.
 *
 * There is no rate limit here: the lab exists to be pushed, and an echo does no more work than
 * the frame that asked for it.
 *
 * @example
 * ```ts
 * const lab = attachLab(new WebSocketServer({ noServer: true }), { interval: 10_000, counters })
 * ```
 */
export function attachLab(wss: WebSocketServer, options: EndpointOptions): Endpoint {
  const { counters } = options
  const heartbeat = attachHeartbeat(wss, { interval: options.interval })

  const onConnection = (socket: WebSocket): void => {
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (heartbeat.isHeartbeat(data, isBinary)) return
      counters.messagesIn++
      socket.send(data, { binary: isBinary })
      counters.messagesOut++
    })
  }
  return serveEndpoint(wss, heartbeat, onConnection)
}
