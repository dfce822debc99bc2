import { describe, expect, it } from 'vitest'
import type { ServerMessage } from '../src/protocol.js'
import { createRooms, type JoinRequest, type RoomsOptions } from './rooms.js'

/** Rooms over plain string members, with every sent message recorded per member. */
function setup(options: Partial<RoomsOptions<string>> = {}) {
  const inbox = new Map<string, ServerMessage[]>()
  const at = 1_700_000_000_000
  let id = 0
  const rooms = createRooms<string>({
    send: (member, message) => inbox.set(member, [...(inbox.get(member) ?? []), message]),
    now: () => at,
    newId: () => `id-${++id}`,
    ...options,
  })
  const take = (member: string): ServerMessage[] => {
    const messages = inbox.get(member) ?? []
    inbox.delete(member)
    return messages
  }
  return { rooms, take, at }
}

/** A join where the skeleton is the name itself (names.ts is tested on its own). */
const as = (room: string, name: string, key?: string): JoinRequest => ({
  room,
  name,
  skeleton: name.toLowerCase(),
  key,
})

describe('createRooms', () => {
  it('a join to the room and name a member already has changes nothing and tells no one', () => {
    const { rooms, take } = setup()
    rooms.join('a', as('lobby', 'ada'))
    rooms.join('b', as('lobby', 'bob'))
    take('a')
    take('b')
    expect(rooms.join('a', as('lobby', 'ada'))).toEqual({ ok: true, replaced: undefined })
    expect(take('a')).toEqual([])
    expect(take('b')).toEqual([])
    // Under another name it is a join again: the others see the old name leave.
    rooms.join('a', as('lobby', 'ada2'))
    expect(take('b').map((m) => m.type)).toEqual(['left', 'joined'])
  })

  it('welcomes a joiner with the members and history, and tells the others', () => {
    const { rooms, take, at } = setup()
    rooms.join('a', as('lobby', 'ada'))
    expect(take('a')).toEqual([
      { type: 'welcome', room: 'lobby', name: 'ada', members: ['ada'], history: [] },
    ])
    rooms.say('a', 'r1', 'hello')
    take('a')
    rooms.join('b', as('lobby', 'bob'))
    expect(take('b')).toEqual([
      {
        type: 'welcome',
        room: 'lobby',
        name: 'bob',
        members: ['ada', 'bob'],
        history: [{ id: 'id-1', name: 'ada', text: 'hello', at }],
      },
    ])
    expect(take('a')).toEqual([{ type: 'joined', name: 'bob', at }])
  })

  it('sends a line to every member with an id of its own; only the sender sees its ref', () => {
    const { rooms, take, at } = setup()
    rooms.join('a', as('lobby', 'ada'))
    rooms.join('b', as('lobby', 'bob'))
    rooms.join('c', as('elsewhere', 'cy'))
    take('a')
    take('b')
    take('c')
    expect(rooms.say('b', 'bobs-ref', 'hi')).toBe(true)
    const line = { type: 'message', room: 'lobby', id: 'id-1', name: 'bob', text: 'hi', at }
    expect(take('a')).toEqual([line])
    expect(take('b')).toEqual([{ ...line, ref: 'bobs-ref' }])
    expect(take('c')).toEqual([])
  })

  it('posts a line sent twice (same sender, same ref) once, and answers the second with the first', () => {
    const { rooms, take } = setup()
    rooms.join('a', as('lobby', 'ada'))
    rooms.join('b', as('lobby', 'bob'))
    take('a')
    take('b')
    rooms.say('a', 'r1', 'once')
    take('b')
    const [first] = take('a')
    expect(rooms.say('a', 'r1', 'once')).toBe(true)
    expect(take('a')).toEqual([first])
    expect(take('b')).toEqual([])
    // Another sender's ref of the same spelling is another line.
    rooms.say('b', 'r1', 'mine')
    expect(take('a')).toMatchObject([{ id: 'id-2', name: 'bob', text: 'mine' }])
  })

  it("a client's ids cannot hide anyone's line: every line gets a new id", () => {
    const { rooms, take } = setup()
    rooms.join('a', as('lobby', 'ada'))
    rooms.join('b', as('lobby', 'bob'))
    take('a')
    take('b')
    rooms.say('a', 'id-1', 'first')
    rooms.say('b', 'id-1', 'second')
    expect(take('a').map((m) => m.type === 'message' && m.id)).toEqual(['id-1', 'id-2'])
  })

  it('refuses a line from a member in no room', () => {
    const { rooms, take } = setup()
    rooms.join('a', as('lobby', 'ada'))
    take('a')
    expect(rooms.say('z', 'x', 'boo')).toBe(false)
    expect(take('a')).toEqual([])
  })

  it('keeps only the last historyLimit lines', () => {
    const { rooms, take } = setup({ historyLimit: 2 })
    rooms.join('a', as('lobby', 'ada'))
    for (const ref of ['1', '2', '3']) rooms.say('a', ref, `line ${ref}`)
    rooms.join('b', as('lobby', 'bob'))
    const [welcome] = take('b')
    expect(welcome?.type === 'welcome' && welcome.history.map((l) => l.text)).toEqual([
      'line 2',
      'line 3',
    ])
  })

  it('refuses a name another member of the room goes by, and leaves the refused member where it was', () => {
    const { rooms, take } = setup()
    rooms.join('a', as('lobby', 'ada'))
    rooms.join('b', as('elsewhere', 'bob'))
    take('a')
    take('b')
    expect(rooms.join('b', { room: 'lobby', name: 'ADA', skeleton: 'ada' })).toMatchObject({
      ok: false,
      code: 'name-taken',
    })
    expect(rooms.roomOf('b')).toBe('elsewhere')
    expect(take('a')).toEqual([])
    expect(take('b')).toEqual([])
    // The same name in another room is fine.
    expect(rooms.join('c', as('elsewhere', 'ada'))).toEqual({ ok: true, replaced: undefined })
  })

  it('lets the same key take its name back, quietly, and hands back the socket it replaced', () => {
    const { rooms, take } = setup()
    rooms.join('old', as('lobby', 'ada', 'k1'))
    rooms.join('b', as('lobby', 'bob'))
    take('old')
    take('b')
    expect(rooms.join('stranger', as('lobby', 'ada', 'k2'))).toMatchObject({
      ok: false,
      code: 'name-taken',
    })
    expect(rooms.join('stranger', as('lobby', 'ada'))).toMatchObject({
      ok: false,
      code: 'name-taken',
    })
    expect(rooms.join('new', as('lobby', 'ada', 'k1'))).toEqual({ ok: true, replaced: 'old' })
    expect(take('new')).toMatchObject([{ type: 'welcome', members: ['bob', 'ada'] }])
    // Nobody left or came: ada never went away.
    expect(take('b')).toEqual([])
    expect(rooms.roomOf('old')).toBeUndefined()
    // The old socket closing later is no news either.
    rooms.leave('old')
    expect(take('b')).toEqual([])
    // And a line sent twice across the takeover is still posted once.
    rooms.say('new', 'r1', 'hi')
    take('b')
    rooms.say('new', 'r1', 'hi')
    expect(take('b')).toEqual([])
  })

  it('refuses a join past maxMembers, but not a member already in the room', () => {
    const { rooms } = setup({ maxMembers: 2 })
    rooms.join('a', as('lobby', 'ada'))
    rooms.join('b', as('lobby', 'bob'))
    expect(rooms.join('c', as('lobby', 'cy'))).toMatchObject({ ok: false, code: 'room-full' })
    expect(rooms.join('b', as('lobby', 'bobby'))).toMatchObject({ ok: true })
  })

  it('tells the others when a member leaves, and deletes the emptied room', () => {
    const { rooms, take, at } = setup()
    rooms.join('a', as('lobby', 'ada'))
    rooms.join('b', as('lobby', 'bob'))
    take('a')
    take('b')
    rooms.leave('b')
    expect(take('a')).toEqual([{ type: 'left', name: 'bob', at }])
    expect(take('b')).toEqual([])
    expect(rooms.roomOf('b')).toBeUndefined()
    expect(rooms.count()).toBe(1)
    // Its name is free again.
    expect(rooms.join('c', as('lobby', 'bob'))).toMatchObject({ ok: true })
    expect(take('a')).toEqual([{ type: 'joined', name: 'bob', at }])
    rooms.leave('a')
    rooms.leave('c')
    expect(rooms.count()).toBe(0)
    rooms.leave('a')
    expect(take('a')).toEqual([])
  })

  it('moves a member that joins another room', () => {
    const { rooms, take, at } = setup()
    rooms.join('a', as('one', 'ada'))
    rooms.join('b', as('one', 'bob'))
    take('a')
    take('b')
    rooms.join('b', as('two', 'bob'))
    expect(take('a')).toEqual([{ type: 'left', name: 'bob', at }])
    expect(take('b')).toEqual([
      { type: 'welcome', room: 'two', name: 'bob', members: ['bob'], history: [] },
    ])
    expect(rooms.roomOf('b')).toBe('two')
    expect(rooms.count()).toBe(2)
  })

  it('starts a room afresh once everyone left: its history is gone', () => {
    const { rooms, take } = setup()
    rooms.join('a', as('lobby', 'ada'))
    rooms.say('a', '1', 'remember me')
    rooms.leave('a')
    take('a')
    rooms.join('b', as('lobby', 'bob'))
    const [welcome] = take('b')
    expect(welcome?.type === 'welcome' && welcome.history).toEqual([])
  })

  it('draws ids unique to the process by default', () => {
    const inbox: ServerMessage[] = []
    const one = createRooms<string>({ send: (_, m) => inbox.push(m) })
    const two = createRooms<string>({ send: (_, m) => inbox.push(m) })
    for (const rooms of [one, two]) {
      rooms.join('a', as('lobby', 'ada'))
      rooms.say('a', 'r', 'x')
    }
    const ids = inbox.flatMap((m) => (m.type === 'message' ? [m.id] : []))
    expect(new Set(ids).size).toBe(2)
  })
})
