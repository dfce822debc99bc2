import type { ChatLine, ServerMessage } from '../src/protocol.js'

/** How many lines a room remembers for the `welcome` of newcomers. */
export const DEFAULT_HISTORY = 50

/** Options of {@link createRooms}. */
export interface RoomsOptions<S> {
  /** Delivers one message to one member. Called synchronously, in the order members joined. */
  send: (member: S, message: ServerMessage) => void
  /** The clock for `at` fields, in ms since the epoch. Default `Date.now`. */
  now?: () => number
  /** Lines kept per room. Default {@link DEFAULT_HISTORY}. */
  historyLimit?: number
}

/** The chat rooms: who is where, and what was said. */
export interface Rooms<S> {
  /**
   * Puts `member` in `room` under `name`, leaving its previous room first (even when it is the
   * same room: the others then see it leave and come back under the new name). The member gets
   * `welcome` (members including itself, history), the others `joined`.
   */
  join(member: S, room: string, name: string): void
  /**
   * Sends `message` to everyone in the member's room, the sender included (its client uses its
   * own `id` to mark the pending line delivered), and keeps the line in the room's history.
   *
   * @returns `false`, sending nothing, if the member is in no room.
   */
  say(member: S, id: string, text: string): boolean
  /** Takes `member` out of its room, telling the others `left`; an emptied room is deleted. A no-op for a member in no room. */
  leave(member: S): void
  /** The room `member` is in, if any. */
  roomOf(member: S): string | undefined
  /** How many rooms exist now (each has at least one member). */
  count(): number
}

interface Room<S> {
  /** Members in join order, with their names (two members may share a name). */
  readonly members: Map<S, string>
  readonly history: ChatLine[]
}

/**
 * Room membership and history, with no sockets inside: members are opaque values and every message
 * goes out through `send`, so the logic is tested with plain objects.
 *
 * @example
 * ```ts
 * const rooms = createRooms<WebSocket>({ send: (socket, message) => socket.send(JSON.stringify(message)) })
 * rooms.join(socket, 'lobby', 'ada')
 * socket.on('close', () => rooms.leave(socket))
 * ```
 */
export function createRooms<S>(options: RoomsOptions<S>): Rooms<S> {
  const { send, now = Date.now, historyLimit = DEFAULT_HISTORY } = options
  const rooms = new Map<string, Room<S>>()
  const whereIs = new Map<S, string>()

  const toOthers = (room: Room<S>, except: S, message: ServerMessage): void => {
    for (const member of room.members.keys()) if (member !== except) send(member, message)
  }

  function leave(member: S): void {
    const name = whereIs.get(member)
    if (name === undefined) return
    whereIs.delete(member)
    const room = rooms.get(name)
    const memberName = room?.members.get(member)
    if (!room || memberName === undefined) return
    room.members.delete(member)
    // An empty room keeps nothing worth its memory: history dies with the last member.
    if (room.members.size === 0) rooms.delete(name)
    else toOthers(room, member, { type: 'left', name: memberName, at: now() })
  }

  return {
    join(member, roomName, name) {
      leave(member)
      let room = rooms.get(roomName)
      if (!room) {
        room = { members: new Map(), history: [] }
        rooms.set(roomName, room)
      }
      room.members.set(member, name)
      whereIs.set(member, roomName)
      send(member, {
        type: 'welcome',
        room: roomName,
        name,
        members: [...room.members.values()],
        history: [...room.history],
      })
      toOthers(room, member, { type: 'joined', name, at: now() })
    },
    say(member, id, text) {
      const roomName = whereIs.get(member)
      const room = roomName === undefined ? undefined : rooms.get(roomName)
      const name = room?.members.get(member)
      if (roomName === undefined || !room || name === undefined) return false
      const line: ChatLine = { id, name, text, at: now() }
      room.history.push(line)
      if (room.history.length > historyLimit)
        room.history.splice(0, room.history.length - historyLimit)
      for (const to of room.members.keys()) send(to, { type: 'message', room: roomName, ...line })
      return true
    },
    leave,
    roomOf: (member) => whereIs.get(member),
    count: () => rooms.size,
  }
}
