import type { IncomingMessage } from 'node:http'
import type { HeartbeatServer, HeartbeatStats } from '@lifeline/server'
import type { WebSocket, WebSocketServer } from 'ws'
import type { Counters } from './metrics.js'

/** What every endpoint attached to a `WebSocketServer` gets. */
export interface EndpointOptions {
  /** Heartbeat sweep interval, in ms. */
  readonly interval: number
  /** Shared with the other endpoint, so `/metrics` sums both without asking them. */
  readonly counters: Counters
  /** Told when a handler threw (its connection was closed with 1011). */
  readonly onError: (error: unknown) => void
}

/** An endpoint attached to a `WebSocketServer` (`/lab`, `/chat`). */
export interface Endpoint {
  /** Its connection counts and what its limits did, from `attachHeartbeat`. */
  stats(): HeartbeatStats
  /** Stops the sweep and the handlers; open connections are the caller's to close. */
  stop(): void
}

/** Serves `onConnection` on `wss` under `heartbeat`, as an endpoint that can be stopped. */
export function serveEndpoint(
  wss: WebSocketServer,
  heartbeat: HeartbeatServer,
  onConnection: (socket: WebSocket, request: IncomingMessage) => void,
): Endpoint {
  // A bug while setting a connection up closes that connection, not the server.
  const guarded = (socket: WebSocket, request: IncomingMessage): void => {
    heartbeat.guard(socket, () => onConnection(socket, request))
  }
  wss.on('connection', guarded)
  return {
    stats: () => heartbeat.stats(),
    stop() {
      wss.off('connection', guarded)
      heartbeat.stop()
    },
  }
}
