import type { SessionLink } from '@lifeline/testing'
import {
  type ChatLine,
  HEARTBEAT,
  parseClientMessage,
  type ServerMessage,
} from '../../chat/src/protocol.js'

/** How the fake server talks: its heartbeat, its answers, and the frames of a burst. */
export interface FakeProtocol {
  /** The reply to a heartbeat ping, or `null` when `data` is not one. */
  pong(data: unknown): string | null
  /**
   * The frames the server sends back for a client frame that is not a ping. `link` is the member
   * the frame came from (the socket, or its session), so a protocol can keep per-member state (who
   * joined) like a server does.
   */
  reply(data: unknown, link: object): readonly string[]
  /**
   * Frame `n` (from 1) of a burst of `count` frames the server sends on its own; `null` when the
   * protocol wrote it itself (through the link `opened` gave it).
   */
  burst(n: number, count: number): string | null
  /**
   * A socket opened: `link` writes to it and closes it as the server does (after its latency, while
   * it answers). For a protocol that also speaks on its own, as sessions do with acknowledgements
   * on a timer.
   */
  opened?(socket: object, link: SessionLink): void
  /** A socket that `opened` announced is closed. */
  closed?(socket: object): void
  /** The server went down: whatever it held in memory (sessions) is gone. */
  restart?(): void
}

/** The demo's `/lab` endpoint: answers `'ping'` with `'pong'` and echoes every other text frame. */
export const labProtocol: FakeProtocol = {
  pong: (data) => (data === 'ping' ? 'pong' : null),
  reply: (data) => (typeof data === 'string' ? [data] : []),
  burst: (n, count) => `burst ${n}/${count}`,
}

/** Someone already in every room, so a welcome is never lonely. */
const RESIDENT = 'ada'

/**
 * The demo's `/chat` endpoint, in memory: JSON heartbeat, `join` answered with a `welcome`, `say`
 * echoed to the sender as a `message`, and the real server's checks (`parseClientMessage`), so
 * bad frames and a `say` before `join` are refused the same way.
 */
export function chatProtocol(): FakeProtocol {
  const sessions = new WeakMap<object, { name: string; room: string }>()
  let lastRoom = 'lobby'
  // Line ids are the server's, as the real server assigns them.
  let lines = 0
  const send = (message: ServerMessage): string => JSON.stringify(message)
  return {
    pong: (data) => (data === HEARTBEAT.ping ? HEARTBEAT.pong : null),
    reply(data, link) {
      if (typeof data !== 'string') return []
      const parsed = parseClientMessage(data)
      if (!parsed.ok) {
        const { code, message, ref } = parsed
        return [send({ type: 'error', code, message, ...(ref === undefined ? {} : { ref }) })]
      }
      const { message } = parsed
      const session = sessions.get(link)
      const at = Date.now()
      switch (message.type) {
        case 'join': {
          // Already there under that name (a session's join on its next socket): nothing to say.
          if (session?.name === message.name && session.room === message.room) return []
          sessions.set(link, { name: message.name, room: message.room })
          lastRoom = message.room
          const history: ChatLine[] = [
            { id: 'resident-hello', name: RESIDENT, text: `welcome to #${message.room}`, at },
          ]
          return [
            send({
              type: 'welcome',
              room: message.room,
              name: message.name,
              members: [RESIDENT, message.name],
              history,
            }),
          ]
        }
        case 'say':
          if (session === undefined) {
            return [
              send({
                type: 'error',
                code: 'not-joined',
                message: 'join a room first',
                ref: message.ref,
              }),
            ]
          }
          return [
            send({
              type: 'message',
              room: session.room,
              id: `line-${++lines}`,
              ref: message.ref,
              name: session.name,
              text: message.text,
              at,
            }),
          ]
        case 'leave':
          sessions.delete(link)
          return []
      }
    },
    burst: (n, count) =>
      send({
        type: 'message',
        room: lastRoom,
        id: `burst-${n}`,
        name: 'bot',
        text: `burst ${n}/${count}`,
        at: Date.now(),
      }),
  }
}
