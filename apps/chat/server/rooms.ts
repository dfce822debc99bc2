import { randomUUID } from 'node:crypto'
import type { ChatLine, ServerMessage } from '../src/protocol.js'

/** How many lines a room remembers for the `welcome` of newcomers. */
export const DEFAULT_HISTORY = 50
/** Most members one room holds: every line goes to each of them. */
export const DEFAULT_ROOM_SIZE = 200
/** Lines per room whose senders' refs are remembered, so that a line sent twice is posted once. */
const REMEMBERED_REFS = 500

/** Options of {@link createRooms}. */
export interface RoomsOptions<S> {
  /** Delivers one message to one member. Called synchronously, in the order members joined. */
  send: (member: S, message: ServerMessage) => void
  /** The clock for `at` fields, in ms since the epoch. Default `Date.now`. */
  now?: () => number
  /** Lines kept per room. Default {@link DEFAULT_HISTORY}. */
  historyLimit?: number
  /** Members per room. Default {@link DEFAULT_ROOM_SIZE}. */
  maxMembers?: number
  /** The id of each new line. Default: a prefix drawn at start, then a counter. */
  newId?: () => string
}

/** A join as the server checked it (see `names.ts`). */
export interface JoinRequest {
  readonly room: string
  readonly name: string
  /** What look-alike names have in common: two members of a room never share one. */
  readonly skeleton: string
  /** The client's reconnect key: the same key takes its own name back. */
  readonly key?: string | undefined
}

/** How a join went. */
export type JoinResult<S> =
  /** `replaced`: the member that held the name with the same key, now out of the room. */
  | { readonly ok: true; readonly replaced: S | undefined }
  | { readonly ok: false; readonly code: 'name-taken' | 'room-full'; readonly message: string }

/** The chat rooms: who is where, and what was said. */
export interface Rooms<S> {
  /**
   * Puts `member` in the room under the name, leaving its previous room first (even when it is the
   * same room: the others then see it leave and come back under the new name). The member gets
   * `welcome` (members including itself, history), the others `joined`. A name that looks like a
   * member's (same skeleton) is refused, unless the join presents that member's key: then it
   * takes the name over quietly (the same client back on a new socket before the old one was swept).
   * A refused join leaves the member where it was. A member that joins the room it is in, under
   * the name it has there, is already there: nothing happens (a session's join on each new
   * socket: it missed nothing, the session gave it every line).
   */
  join(member: S, request: JoinRequest): JoinResult<S>
  /**
   * Sends a line to everyone in the member's room, the sender's own copy with its `ref`, and keeps
   * it in the history with an id of the server's. A `ref` this sender already posted in this room
   * is not posted again: the sender alone gets the line it posted then.
   *
   * @returns `false`, sending nothing, if the member is in no room.
   */
  say(member: S, ref: string, text: string): boolean
  /** Takes `member` out of its room, telling the others `left`; an emptied room is deleted. A no-op for a member in no room. */
  leave(member: S): void
  /** The room `member` is in, if any. */
  roomOf(member: S): string | undefined
  /** How many rooms exist now (each has at least one member). */
  count(): number
}

interface Member {
  readonly name: string
  readonly skeleton: string
  readonly key: string | undefined
}

interface Room<S> {
  /** Members in join order. */
  readonly members: Map<S, Member>
  readonly bySkeleton: Map<string, S>
  readonly history: ChatLine[]
  /** `skeleton + '\n' + ref` of recent lines, oldest first. */
  readonly posted: Map<string, ChatLine>
}

/** Ids unique to this process: a restarted server must not reuse the ids a client still shows. */
function counterIds(): () => string {
  const prefix = randomUUID().slice(0, 8)
  let sequence = 0
  return () => `${prefix}-${++sequence}`
}

/**
 * Room membership and history, with no sockets inside: members are opaque values and every message
 * goes out through `send`, so the logic is tested with plain objects.
 *
 * @example
 * ```ts
 * const rooms = createRooms<WebSocket>({ send: (socket, message) => socket.send(JSON.stringify(message)) })
 * rooms.join(socket, { room: 'lobby', name: 'ada', skeleton: 'ada' })
 * socket.on('close', () => rooms.leave(socket))
 * ```
 */
export function createRooms<S>(options: RoomsOptions<S>): Rooms<S> {
  const {
    send,
    now = Date.now,
    historyLimit = DEFAULT_HISTORY,
    maxMembers = DEFAULT_ROOM_SIZE,
    newId = counterIds(),
  } = options
  const rooms = new Map<string, Room<S>>()
  const whereIs = new Map<S, string>()

  const toOthers = (room: Room<S>, except: S, message: ServerMessage): void => {
    for (const member of room.members.keys()) if (member !== except) send(member, message)
  }

  /** Takes `member` out of its room without a word to anyone; the room it left, if any. */
  function remove(member: S): { room: Room<S>; name: string; roomName: string } | undefined {
    const roomName = whereIs.get(member)
    if (roomName === undefined) return undefined
    whereIs.delete(member)
    const room = rooms.get(roomName)
    const info = room?.members.get(member)
    if (!room || !info) return undefined
    room.members.delete(member)
    room.bySkeleton.delete(info.skeleton)
    // An empty room keeps nothing worth its memory: history dies with the last member.
    if (room.members.size === 0) rooms.delete(roomName)
    return { room, name: info.name, roomName }
  }

  function leave(member: S): void {
    const left = remove(member)
    if (left && left.room.members.size > 0) {
      toOthers(left.room, member, { type: 'left', name: left.name, at: now() })
    }
  }

  function admit(member: S, request: JoinRequest): JoinResult<S> {
    const room = rooms.get(request.room)
    const holder = room?.bySkeleton.get(request.skeleton)
    if (room && holder !== undefined && holder !== member) {
      const held = room.members.get(holder)
      if (request.key === undefined || held?.key !== request.key) {
        return {
          ok: false,
          code: 'name-taken',
          message: `someone in ${request.room} is already called that`,
        }
      }
      remove(holder)
      return { ok: true, replaced: holder }
    }
    if (
      room &&
      holder === undefined &&
      !room.members.has(member) &&
      room.members.size >= maxMembers
    ) {
      return {
        ok: false,
        code: 'room-full',
        message: `${request.room} is full (${maxMembers} members)`,
      }
    }
    return { ok: true, replaced: undefined }
  }

  return {
    join(member, request) {
      const here = whereIs.get(member) === request.room
      if (here && rooms.get(request.room)?.members.get(member)?.name === request.name) {
        return { ok: true, replaced: undefined }
      }
      const admitted = admit(member, request)
      if (!admitted.ok) return admitted
      leave(member)
      let room = rooms.get(request.room)
      if (!room) {
        room = { members: new Map(), bySkeleton: new Map(), history: [], posted: new Map() }
        rooms.set(request.room, room)
      }
      room.members.set(member, { name: request.name, skeleton: request.skeleton, key: request.key })
      room.bySkeleton.set(request.skeleton, member)
      whereIs.set(member, request.room)
      send(member, {
        type: 'welcome',
        room: request.room,
        name: request.name,
        members: [...room.members.values()].map((m) => m.name),
        history: [...room.history],
      })
      // Taking one's own name over is no news to the others: that name never left.
      if (admitted.replaced === undefined) {
        toOthers(room, member, { type: 'joined', name: request.name, at: now() })
      }
      return admitted
    },
    say(member, ref, text) {
      const roomName = whereIs.get(member)
      const room = roomName === undefined ? undefined : rooms.get(roomName)
      const info = room?.members.get(member)
      if (roomName === undefined || !room || !info) return false
      const postedAs = `${info.skeleton}\n${ref}`
      const earlier = room.posted.get(postedAs)
      if (earlier) {
        send(member, { type: 'message', room: roomName, ...earlier, ref })
        return true
      }
      const line: ChatLine = { id: newId(), name: info.name, text, at: now() }
      room.history.push(line)
      if (room.history.length > historyLimit)
        room.history.splice(0, room.history.length - historyLimit)
      room.posted.set(postedAs, line)
      if (room.posted.size > REMEMBERED_REFS) {
        const oldest = room.posted.keys().next()
        if (!oldest.done) room.posted.delete(oldest.value)
      }
      const shared: ServerMessage = { type: 'message', room: roomName, ...line }
      for (const to of room.members.keys()) send(to, to === member ? { ...shared, ref } : shared)
      return true
    },
    leave,
    roomOf: (member) => whereIs.get(member),
    count: () => rooms.size,
  }
}
