import type { IncomingMessage } from 'node:http'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocketServer } from 'ws'
import { pathOf } from './httpRoutes.js'

/** Options of {@link createUpgradeHandler}. */
export interface UpgradeRoutes {
  /** The `WebSocketServer` (`noServer: true`) of each path, e.g. `/lab` and `/chat`. */
  readonly endpoints: ReadonlyMap<string, WebSocketServer>
  /** Whether a browser page of this origin may connect; never asked for requests without `Origin`. */
  readonly allowedOrigins: (origin: string) => boolean
  /** Told when setting up a connection threw; that connection is closed with 1011. */
  readonly onError: (error: unknown) => void
}

/**
 * Routes the HTTP server's `upgrade` events: a refused Origin gets 403, an unknown path 404, and
 * anything else is handed to its endpoint's `WebSocketServer`.
 *
 * The Origin is checked first so a foreign page learns nothing, not even which paths exist.
 */
export function createUpgradeHandler(
  routes: UpgradeRoutes,
): (request: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (request, socket, head) => {
    // Until ws takes the socket over, a client that resets it must not crash the process.
    socket.on('error', () => socket.destroy())
    const origin = request.headers.origin
    if (origin !== undefined && !routes.allowedOrigins(origin)) return refuse(socket, 403)
    const path = pathOf(request)
    const wss = path === undefined ? undefined : routes.endpoints.get(path)
    if (!wss) return refuse(socket, 404)
    wss.handleUpgrade(request, socket, head, (ws) => {
      // ws closes the connection itself on a protocol error or an oversized frame (1002, 1009)
      // and then emits 'error': unheard, that error would crash the whole server.
      ws.on('error', () => {})
      try {
        wss.emit('connection', ws, request)
      } catch (error) {
        // A 'connection' listener that throws would otherwise end the process from here.
        routes.onError(error)
        ws.close(1011, 'internal error')
      }
    })
  }
}

/**
 * Answers an upgrade with a plain HTTP error and closes the socket. The socket is destroyed once
 * the response is flushed, not before: a bare `destroy()` would leave the client with a reset
 * instead of a status it can report.
 */
function refuse(socket: Duplex, status: number): void {
  const body = STATUS_CODES[status] ?? 'Error'
  socket.once('finish', () => socket.destroy())
  socket.end(
    `HTTP/1.1 ${status} ${body}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `\r\n${body}`,
  )
}
