import type { IncomingMessage } from 'node:http'
import {
  attachHeartbeat,
  type BackpressureOptions,
  type HeartbeatServer,
  type RateLimitOptions,
} from '@lifeline/server'
import type { RawData, WebSocket, WebSocketServer } from 'ws'
import { HEARTBEAT, parseClientMessage } from '../src/protocol.js'
import type { ChatMember, ChatService } from './chatService.js'
import { type Endpoint, type EndpointOptions, serveEndpoint } from './endpoint.js'
import { normaliseAddress } from './loopback.js'

/** Options of {@link attachChat} and `attachSessionChat`. */
export interface ChatEndpointOptions extends EndpointOptions {
  /** Per-connection limits on frames and bytes, heartbeats included. */
  readonly rateLimit: RateLimitOptions
  /** What a member that does not read may leave unsent. */
  readonly backpressure: BackpressureOptions
  /** The chat itself, shared by every endpoint its members come through. */
  readonly chat: ChatService
}

/** Closes the socket a name was taken back from; 44xx: it must not reconnect and take it back. */
const REPLACED = 4409

/**
 * The chat's heartbeat and limits on `wss`: the JSON heartbeat of `../src/protocol.ts` answered,
 * dead peers swept, and `options`' rate limit and backpressure, whichever way members come in.
 */
export function attachChatHeartbeat(
  wss: WebSocketServer,
  options: ChatEndpointOptions,
): HeartbeatServer {
  return attachHeartbeat(wss, {
    interval: options.interval,
    ping: (text) => text === HEARTBEAT.ping,
    pong: HEARTBEAT.pong,
    rateLimit: options.rateLimit,
    backpressure: options.backpressure,
    onError: (error) => options.onError(error),
  })
}

/**
 * The chat over plain sockets (`/chat`): JSON frames of `../src/protocol.ts`, rooms with history,
 * and the JSON heartbeat. A refused frame (bad JSON, unknown type, binary, bad name, not joined,
 * rate limited) gets an `error` frame, with the `ref` of a refused line, and the connection stays
 * up: a buggy or hasty client should see why, not be cut off. A client that keeps going past the
 * rate limit is closed with 1008 instead of answered forever (`rateLimit.strikes`). A socket's
 * member leaves its room when the socket closes.
 *
 * @example
 * ```ts
 * const chat = createChatService({ counters, joins: DEFAULT_JOINS, lines: DEFAULT_LINES })
 * attachChat(new WebSocketServer({ noServer: true }), {
 *   interval: 10_000, counters, onError: console.error,
 *   rateLimit: DEFAULT_CHAT_RATE_LIMIT, backpressure: {}, chat,
 * })
 * ```
 */
export function attachChat(wss: WebSocketServer, options: ChatEndpointOptions): Endpoint {
  const { counters, chat } = options
  const heartbeat = attachChatHeartbeat(wss, options)

  const onConnection = (socket: WebSocket, request: IncomingMessage): void => {
    const address = normaliseAddress(request.socket.remoteAddress)
    const member: ChatMember = {
      sendText(text) {
        if (heartbeat.send(socket, text) === 'sent') counters.messagesOut++
      },
      replace: () => socket.close(REPLACED, 'replaced by a newer connection'),
    }
    heartbeat.handle(socket, {
      message(data: RawData, isBinary: boolean) {
        if (!isBinary) return chat.receive(member, String(data), address)
        counters.messagesIn++
        chat.refuse(member, 'bad-message', 'chat frames are JSON text, not binary')
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
        chat.refuse(member, 'rate-limited', 'too many frames: slow down', ref)
      },
    })
    socket.once('close', () => heartbeat.guard(socket, () => chat.leave(member)))
  }
  return serveEndpoint(wss, heartbeat, onConnection)
}
