import { createServer, type Socket } from 'node:net'
import { LOOPBACK, listenOnLoopback } from './listenOnLoopback.js'

/** A TCP server that accepts connections and never answers. */
export interface BlackHole {
  /** The port it listens on. */
  readonly port: number
  /** `ws://127.0.0.1:PORT`: a WebSocket to it stays CONNECTING until the client gives up. */
  readonly url: string
  /** Connections accepted so far. */
  readonly connections: number
  /** Destroys every accepted socket and stops listening. Idempotent. */
  close(): Promise<void>
}

/**
 * Starts a TCP server on 127.0.0.1 (port 0) that accepts and never writes a byte, so a WebSocket
 * upgrade never completes: the case a client's connection timeout exists for.
 *
 * @example
 * const hole = await startBlackHole()
 * const client = new WebSocket(hole.url) // never opens
 */
export async function startBlackHole(): Promise<BlackHole> {
  const sockets = new Set<Socket>()
  let connections = 0
  let closing: Promise<void> | undefined

  const server = createServer((socket) => {
    connections += 1
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    // Read and discard, so a client that gives up (FIN) is noticed and its socket released.
    socket.resume()
  })
  const port = await listenOnLoopback(server)

  return {
    port,
    url: `ws://${LOOPBACK}:${port}`,
    get connections() {
      return connections
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
      return closing
    },
  }
}
