import type { IncomingMessage } from 'node:http'
import { decodeFrame } from '@lifeline/core/session'
import { attachSessions, type ServerSession, type SessionServer } from '@lifeline/server'
import { type WebSocket, WebSocketServer } from 'ws'

/** Hands the sockets that open a Lifeline session to `attachSessions`; the others stay plain. */
export interface SessionRouter {
  /**
   * Whether `socket`'s frame `text` belongs to a session: a session socket's frames always do, and
   * a first frame that is the session handshake turns its socket into one.
   */
  claims(socket: WebSocket, text: string, request: IncomingMessage): boolean
  /** Whether `socket` carries a session. */
  carries(socket: WebSocket): boolean
  /** Sends `data` to every session, connected or away (those get it when they resume). */
  sendAll(data: string): void
  /** Forgets every session, as a restarted server without a shared store. */
  forget(): void
  stop(): void
}

/** Options of {@link createSessionRouter}. */
export interface SessionRouterOptions {
  /** Send every payload back through its session. */
  echo: boolean
  /** Each app payload of a session, once and in order, with the socket it came on. */
  deliver(socket: WebSocket, payload: string): void
}

/**
 * Routes session sockets to `attachSessions` on a second `ws` server of its own, so the protocol is
 * the one `@lifeline/server` speaks, not a copy of it.
 */
export function createSessionRouter(options: SessionRouterOptions): SessionRouter {
  const routed = new WeakSet<WebSocket>()
  const plain = new WeakSet<WebSocket>()
  const sessions = new Set<ServerSession>()
  // `attachSessions` hands a payload over while its socket's 'message' event is dispatched, and
  // this module's listener runs first in that dispatch: the socket a payload came on.
  let reading: WebSocket | null = null
  let current = attach()

  function attach(): { wss: WebSocketServer; server: SessionServer } {
    const wss = new WebSocketServer({ noServer: true })
    const server = attachSessions(wss)
    server.onSession((session) => {
      sessions.add(session)
      session.onEnd(() => sessions.delete(session))
      session.onMessage((payload) => {
        if (options.echo) session.send(payload)
        if (reading !== null) options.deliver(reading, payload)
      })
    })
    return { wss, server }
  }

  return {
    claims(socket, text, request) {
      if (routed.has(socket)) {
        reading = socket
        queueMicrotask(() => {
          reading = null
        })
        return true
      }
      if (plain.has(socket)) return false
      if (decodeFrame(text).type !== 'open') {
        plain.add(socket)
        return false
      }
      routed.add(socket)
      current.wss.emit('connection', socket, request)
      // The handshake again, now that `attachSessions` listens on the socket.
      socket.emit('message', Buffer.from(text), false)
      return true
    },
    carries: (socket) => routed.has(socket),
    sendAll(data) {
      for (const session of sessions) session.send(data)
    },
    forget() {
      for (const session of [...sessions]) session.end()
      sessions.clear()
      current.server.stop()
      current = attach()
    },
    stop() {
      current.server.stop()
    },
  }
}
