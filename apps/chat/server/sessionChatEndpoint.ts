import { attachSessions, type SessionStats } from '@lifeline/server'
import type { WebSocketServer } from 'ws'
import { attachChatHeartbeat, type ChatEndpointOptions } from './chatEndpoint.js'
import type { ChatMember } from './chatService.js'
import { type Endpoint, serveEndpoint } from './endpoint.js'

/** How long a session without a socket keeps its place in its room, in ms. */
export const SESSION_TTL = 120_000

/** An endpoint whose members are sessions. */
export interface SessionChatEndpoint extends Endpoint {
  /** Sessions held, connected, resumed, forgotten. */
  sessions(): SessionStats
}

/**
 * The chat over Lifeline sessions (`/chat/session`): the same chat as `/chat`, but its members are
 * sessions, not sockets. Every line reaches a member exactly once and in order across its
 * reconnects, and a member keeps its place in the room while its session lives (`SESSION_TTL`
 * without a socket), so a blip of the network is no `left` and `joined` for the others. The
 * client's join comes with each new socket (its `hello`); a member already in that room under that
 * name is already there. The server's limits apply through `attachHeartbeat`: a frame over the rate
 * limit closes the socket with 1013 and the session resumes after the client's backoff.
 */
export function attachSessionChat(
  wss: WebSocketServer,
  options: ChatEndpointOptions,
): SessionChatEndpoint {
  const { counters, chat } = options
  const heartbeat = attachChatHeartbeat(wss, options)
  const sessions = attachSessions(wss, { ttl: SESSION_TTL, heartbeat })
  sessions.onSession((session) => {
    const member: ChatMember = {
      sendText(text) {
        if (session.send(text) !== 'dropped') counters.messagesOut++
      },
      replace: () => session.end(),
    }
    session.onMessage((text) => chat.receive(member, text, session.id))
    session.onEnd(() => chat.leave(member))
  })
  // Sessions set their sockets up themselves; nothing else to do per connection.
  const endpoint = serveEndpoint(wss, heartbeat, () => {})
  return {
    ...endpoint,
    sessions: () => sessions.stats(),
    stop() {
      sessions.stop()
      endpoint.stop()
    },
  }
}
