import type { Server } from 'node:http'
import type { WebSocket, WebSocketServer } from 'ws'

/** Options of {@link closeGracefully}. */
export interface CloseGracefullyOptions {
  /** The HTTP listener the WebSocket servers are attached to (`noServer: true`). */
  readonly server: Server
  readonly endpoints: readonly WebSocketServer[]
  /** How long clients get to answer the close handshake before they are cut off, in ms. */
  readonly grace: number
}

/**
 * Closes every WebSocket with 1001, then the WebSocket servers and the HTTP listener. Clients that
 * do not answer the close handshake within `grace` (a frozen peer never will) are terminated, so
 * this settles in at most `grace` plus a tick.
 *
 * @returns Once the listener is closed and every connection is gone.
 */
export async function closeGracefully(options: CloseGracefullyOptions): Promise<void> {
  const { server, endpoints, grace } = options
  const clients = endpoints.flatMap((wss) => [...wss.clients])
  // 1001 "going away" tells Lifeline clients this is a restart, not a network failure.
  for (const client of clients) client.close(1001, 'server shutting down')
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
  const timer = setTimeout(() => {
    for (const client of clients) client.terminate()
    server.closeAllConnections()
  }, grace)
  await Promise.all(clients.map(closed))
  clearTimeout(timer)
  for (const wss of endpoints) wss.close()
  // A keep-alive HTTP connection (a `fetch` of /metrics) that went idle since `server.close()`
  // would otherwise hold the listener open until its timeout.
  server.closeIdleConnections()
  await stopped
}

/** Resolves once a `ws` socket has closed (at once if it already has). */
function closed(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readyState === socket.CLOSED) return resolve()
    socket.once('close', () => resolve())
  })
}
