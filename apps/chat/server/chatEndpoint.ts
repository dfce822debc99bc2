import { attachHeartbeat } from '@lifeline/server'
import { type RawData, WebSocket, type WebSocketServer } from 'ws'
import {
  type ClientMessage,
  type ErrorCode,
  HEARTBEAT,
  parseClientMessage,
  type ServerMessage,
} from '../src/protocol.js'
import { type Endpoint, type EndpointOptions, serveEndpoint } from './endpoint.js'
import { createRateLimit, type RateLimitOptions } from './rateLimit.js'
import { createRooms } from './rooms.js'

/** Options of {@link attachChat}. */
export interface ChatEndpointOptions extends EndpointOptions {
  /** Per-connection token bucket for application frames (heartbeats are free). */
  readonly rate: RateLimitOptions
}

/**
 * The chat (`/chat`): JSON frames of `../src/protocol.ts`, rooms with history, and the JSON
 * heartbeat. Every refused frame (bad JSON, unknown type, binary, not joined, rate limited) gets
 * an `error` frame and the connection stays up: a buggy or hasty client should see why, not be
 * cut off.
 *
 * @example
 * ```ts
 * const chat = attachChat(new WebSocketServer({ noServer: true }), {
 *   interval: 10_000,
 *   counters,
 *   rate: { perSecond: 20, burst: 40 },
 * })
 * ```
 */
export function attachChat(wss: WebSocketServer, options: ChatEndpointOptions): Endpoint {
  const { counters, rate } = options
  const heartbeat = attachHeartbeat(wss, {
    interval: options.interval,
    ping: (text) => text === HEARTBEAT.ping,
    pong: HEARTBEAT.pong,
  })

  const send = (socket: WebSocket, message: ServerMessage): void => {
    // A member whose socket is closing is still in its room until 'close' fires: skip it quietly.
    if (socket.readyState !== WebSocket.OPEN) return
    socket.send(JSON.stringify(message))
    counters.messagesOut++
  }
  const rooms = createRooms<WebSocket>({ send })
  const refuse = (socket: WebSocket, code: ErrorCode, message: string): void =>
    send(socket, { type: 'error', code, message })

  const handle = (socket: WebSocket, message: ClientMessage): void => {
    switch (message.type) {
      case 'join':
        rooms.join(socket, message.room, message.name)
        break
      case 'say':
        if (!rooms.say(socket, message.id, message.text)) {
          refuse(socket, 'not-joined', 'join a room before saying anything')
        }
        break
      case 'leave':
        rooms.leave(socket)
        break
    }
  }

  const onConnection = (socket: WebSocket): void => {
    const limit = createRateLimit(rate)
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (heartbeat.isHeartbeat(data, isBinary)) return
      counters.messagesIn++
      // Checked before parsing so a flood costs as little as possible.
      if (!limit.take()) {
        counters.rateLimited++
        return refuse(socket, 'rate-limited', `at most ${rate.perSecond} frames per second`)
      }
      if (isBinary) return refuse(socket, 'bad-message', 'chat frames are JSON text, not binary')
      const parsed = parseClientMessage(String(data))
      if (!parsed.ok) return refuse(socket, parsed.code, parsed.message)
      handle(socket, parsed.message)
    })
    socket.once('close', () => rooms.leave(socket))
  }
  return serveEndpoint(wss, heartbeat, onConnection)
}
