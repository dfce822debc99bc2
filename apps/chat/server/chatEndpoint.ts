import type { IncomingMessage } from 'node:http'
import {
  attachHeartbeat,
  type BackpressureOptions,
  type Rate,
  type RateLimitOptions,
} from '@lifeline/server'
import type { RawData, WebSocket, WebSocketServer } from 'ws'
import {
  type ClientMessage,
  type ErrorCode,
  HEARTBEAT,
  parseClientMessage,
  type ServerMessage,
} from '../src/protocol.js'
import { createAddressBuckets } from './addressBuckets.js'
import { type Endpoint, type EndpointOptions, serveEndpoint } from './endpoint.js'
import { normaliseAddress } from './loopback.js'
import { checkName } from './names.js'
import { createRooms } from './rooms.js'

/** Options of {@link attachChat}. */
export interface ChatEndpointOptions extends EndpointOptions {
  /** Per-connection limits on frames and bytes, heartbeats included. */
  readonly rateLimit: RateLimitOptions
  /** What a member that does not read may leave unsent. */
  readonly backpressure: BackpressureOptions
  /**
   * Joins per remote address, all its connections together: each `welcome` carries the room's
   * history, so a join costs the server far more than it costs the client.
   */
  readonly joins: Rate
  /**
   * Lines per remote address, all its connections together: each goes to every member of the
   * room. Per address, so that reconnecting does not buy a flooder a fresh burst; the burst still
   * lets a reconnecting client's whole queue through.
   */
  readonly lines: Rate
}

/** Closes the socket a name was taken back from; 44xx: it must not reconnect and take it back. */
const REPLACED = 4409

/**
 * The chat (`/chat`): JSON frames of `../src/protocol.ts`, rooms with history, and the JSON
 * heartbeat. A refused frame (bad JSON, unknown type, binary, bad name, not joined, rate limited)
 * gets an `error` frame, with the `ref` of a refused line, and the connection stays up: a buggy or
 * hasty client should see why, not be cut off. A client that keeps going past the rate limit is
 * closed with 1008 instead of answered forever (`rateLimit.strikes`).
 *
 * @example
 * ```ts
 * const chat = attachChat(new WebSocketServer({ noServer: true }), {
 *   interval: 10_000, counters, onError: console.error,
 *   rateLimit: DEFAULT_CHAT_RATE_LIMIT, backpressure: {}, joins: DEFAULT_JOINS, lines: DEFAULT_LINES,
 * })
 * ```
 */
export function attachChat(wss: WebSocketServer, options: ChatEndpointOptions): Endpoint {
  const { counters } = options
  const heartbeat = attachHeartbeat(wss, {
    interval: options.interval,
    ping: (text) => text === HEARTBEAT.ping,
    pong: HEARTBEAT.pong,
    rateLimit: options.rateLimit,
    backpressure: options.backpressure,
    onError: (error) => options.onError(error),
  })

  // A line goes to every member as one message object: serialise it once, not once per member.
  let lastMessage: ServerMessage | undefined
  let lastText = ''
  const send = (socket: WebSocket, message: ServerMessage): void => {
    if (message !== lastMessage) {
      lastMessage = message
      lastText = JSON.stringify(message)
    }
    if (heartbeat.send(socket, lastText) === 'sent') counters.messagesOut++
  }
  const rooms = createRooms<WebSocket>({ send })
  const joins = createAddressBuckets(options.joins)
  const lines = createAddressBuckets(options.lines)
  const refuse = (socket: WebSocket, code: ErrorCode, message: string, ref?: string): void =>
    send(socket, { type: 'error', code, message, ...(ref === undefined ? {} : { ref }) })

  const join = (socket: WebSocket, message: Extract<ClientMessage, { type: 'join' }>) => {
    const room = checkName(message.room, 'room')
    if (!room.ok) return refuse(socket, 'bad-name', room.message)
    const name = checkName(message.name)
    if (!name.ok) return refuse(socket, 'bad-name', name.message)
    const joined = rooms.join(socket, {
      room: room.name,
      name: name.name,
      skeleton: name.skeleton,
      key: message.key,
    })
    if (!joined.ok) return refuse(socket, joined.code, joined.message)
    joined.replaced?.close(REPLACED, 'replaced by a newer connection')
  }

  const onConnection = (socket: WebSocket, request: IncomingMessage): void => {
    const address = normaliseAddress(request.socket.remoteAddress)
    const handle = (message: ClientMessage) => {
      switch (message.type) {
        case 'join':
          if (!joins.take(address)) {
            return refuse(socket, 'rate-limited', 'too many joins: wait a little')
          }
          return join(socket, message)
        case 'say':
          if (rooms.roomOf(socket) !== undefined && !lines.take(address)) {
            return refuse(socket, 'rate-limited', 'too many lines: slow down', message.ref)
          }
          if (!rooms.say(socket, message.ref, message.text)) {
            refuse(socket, 'not-joined', 'join a room before saying anything', message.ref)
          }
          return
        case 'leave':
          return rooms.leave(socket)
      }
    }
    heartbeat.handle(socket, {
      message(data: RawData, isBinary: boolean) {
        counters.messagesIn++
        if (isBinary) return refuse(socket, 'bad-message', 'chat frames are JSON text, not binary')
        const parsed = parseClientMessage(String(data))
        if (!parsed.ok) return refuse(socket, parsed.code, parsed.message, parsed.ref)
        handle(parsed.message)
      },
      // At most `strikes` of these per connection: the client learns which line was refused.
      refused(data: RawData, isBinary: boolean) {
        if (heartbeat.isHeartbeat(data, isBinary)) return
        counters.messagesIn++
        const parsed = isBinary ? undefined : parseClientMessage(String(data))
        const ref = parsed?.ok
          ? parsed.message.type === 'say'
            ? parsed.message.ref
            : undefined
          : parsed?.ref
        refuse(socket, 'rate-limited', 'too many frames: slow down', ref)
      },
    })
    socket.once('close', () => heartbeat.guard(socket, () => rooms.leave(socket)))
  }
  return serveEndpoint(wss, heartbeat, onConnection)
}
