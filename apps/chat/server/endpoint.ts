import type { HeartbeatServer, HeartbeatStats } from '@lifeline/server'
import type { WebSocket, WebSocketServer } from 'ws'
import type { Counters } from './metrics.js'

/** What every endpoint attached to a `WebSocketServer` gets. */
export interface EndpointOptions {
  /** Heartbeat sweep interval, in ms. */
  readonly interval: number
  /** Shared with the other endpoint, so `/metrics` sums both without asking them. */
  readonly counters: Counters
}

/** An endpoint attached to a `WebSocketServer` (`/lab`, `/chat`). */
export interface Endpoint {
  /** Its connection counts, from `attachHeartbeat`. */
  stats(): HeartbeatStats
  /** Stops the sweep and the handlers; open connections are the caller's to close. */
  stop(): void
}

/** Serves `onConnection` on `wss` under `heartbeat`, as an endpoint that can be stopped. */
export function serveEndpoint(
  wss: WebSocketServer,
  heartbeat: HeartbeatServer,
  onConnection: (socket: WebSocket) => void,
): Endpoint {
  wss.on('connection', onConnection)
  return {
    stats: () => heartbeat.stats(),
    stop() {
      wss.off('connection', onConnection)
      heartbeat.stop()
    },
  }
}
