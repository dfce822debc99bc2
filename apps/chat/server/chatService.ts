import type { Rate } from '@lifeline/server'
import {
  type ClientMessage,
  type ErrorCode,
  parseClientMessage,
  type ServerMessage,
} from '../src/protocol.js'
import { createAddressBuckets } from './addressBuckets.js'
import type { Counters } from './metrics.js'
import { checkName } from './names.js'
import { createRooms } from './rooms.js'

/** One member of the chat as the service reaches it: a plain socket, or a session. */
export interface ChatMember {
  /** Sends one message, already serialised (a line is serialised once for the whole room). */
  sendText(text: string): void
  /** The same client took its name back on a newer connection: this one is done. */
  replace(): void
}

/** Options of {@link createChatService}. */
export interface ChatServiceOptions {
  readonly counters: Counters
  /** Joins per bucket key: each `welcome` carries the room's history. */
  readonly joins: Rate
  /** Lines per bucket key: each goes to every member of the room. */
  readonly lines: Rate
}

/** The chat's rules over members of any kind: rooms, names, lines, and their limits. */
export interface ChatService {
  /**
   * Takes one text frame of `member`. `bucket` is whose limits it spends: the remote address for
   * plain sockets (reconnecting buys no fresh burst), the session for sessions (which outlive
   * their sockets).
   */
  receive(member: ChatMember, text: string, bucket: string): void
  /** Tells `member` why something was refused, with the `ref` of a refused line. */
  refuse(member: ChatMember, code: ErrorCode, message: string, ref?: string): void
  /** Takes `member` out of its room. */
  leave(member: ChatMember): void
}

/** Creates the chat: one for the whole server, whatever its members come through. */
export function createChatService(options: ChatServiceOptions): ChatService {
  const { counters } = options
  // A line goes to every member as one message object: serialise it once, not once per member.
  let lastMessage: ServerMessage | undefined
  let lastText = ''
  const send = (member: ChatMember, message: ServerMessage): void => {
    if (message !== lastMessage) {
      lastMessage = message
      lastText = JSON.stringify(message)
    }
    member.sendText(lastText)
  }
  const rooms = createRooms<ChatMember>({ send })
  const joins = createAddressBuckets(options.joins)
  const lines = createAddressBuckets(options.lines)
  const refuse = (member: ChatMember, code: ErrorCode, message: string, ref?: string): void =>
    send(member, { type: 'error', code, message, ...(ref === undefined ? {} : { ref }) })

  const join = (member: ChatMember, message: Extract<ClientMessage, { type: 'join' }>) => {
    const room = checkName(message.room, 'room')
    if (!room.ok) return refuse(member, 'bad-name', room.message)
    const name = checkName(message.name)
    if (!name.ok) return refuse(member, 'bad-name', name.message)
    const joined = rooms.join(member, {
      room: room.name,
      name: name.name,
      skeleton: name.skeleton,
      key: message.key,
    })
    if (!joined.ok) return refuse(member, joined.code, joined.message)
    joined.replaced?.replace()
  }

  return {
    receive(member, text, bucket) {
      counters.messagesIn++
      const parsed = parseClientMessage(text)
      if (!parsed.ok) return refuse(member, parsed.code, parsed.message, parsed.ref)
      const message = parsed.message
      switch (message.type) {
        case 'join':
          if (!joins.take(bucket))
            return refuse(member, 'rate-limited', 'too many joins: wait a little')
          return join(member, message)
        case 'say':
          if (rooms.roomOf(member) !== undefined && !lines.take(bucket)) {
            return refuse(member, 'rate-limited', 'too many lines: slow down', message.ref)
          }
          if (!rooms.say(member, message.ref, message.text)) {
            refuse(member, 'not-joined', 'join a room before saying anything', message.ref)
          }
          return
        case 'leave':
          return rooms.leave(member)
      }
    },
    refuse,
    leave: (member) => rooms.leave(member),
  }
}
