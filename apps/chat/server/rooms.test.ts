import { describe, expect, it } from 'vitest'
import type { ServerMessage } from '../src/protocol.js'
import { createRooms } from './rooms.js'

/** Rooms over plain string members, with every sent message recorded per member. */
function setup(historyLimit?: number) {
  const inbox = new Map<string, ServerMessage[]>()
  const at = 1_700_000_000_000
  const rooms = createRooms<string>({
    send: (member, message) => inbox.set(member, [...(inbox.get(member) ?? []), message]),
    now: () => at,
    ...(historyLimit === undefined ? {} : { historyLimit }),
  })
  const take = (member: string): ServerMessage[] => {
    const messages = inbox.get(member) ?? []
    inbox.delete(member)
    return messages
  }
  return { rooms, take, at }
}

describe('createRooms', () => {
  it('welcomes a joiner with the members and history, and tells the others', () => {
    const { rooms, take, at } = setup()
    rooms.join('a', 'lobby', 'ada')
    expect(take('a')).toEqual([
      { type: 'welcome', room: 'lobby', name: 'ada', members: ['ada'], history: [] },
    ])
    rooms.say('a', 'm1', 'hello')
    take('a')
    rooms.join('b', 'lobby', 'bob')
    expect(take('b')).toEqual([
      {
        type: 'welcome',
        room: 'lobby',
        name: 'bob',
        members: ['ada', 'bob'],
        history: [{ id: 'm1', name: 'ada', text: 'hello', at }],
      },
    ])
    expect(take('a')).toEqual([{ type: 'joined', name: 'bob', at }])
  })

  it('sends a line to every member, the sender included', () => {
    const { rooms, take, at } = setup()
    rooms.join('a', 'lobby', 'ada')
    rooms.join('b', 'lobby', 'bob')
    rooms.join('c', 'elsewhere', 'cy')
    take('a')
    take('b')
    take('c')
    expect(rooms.say('b', 'x1', 'hi')).toBe(true)
    const line = { type: 'message', room: 'lobby', id: 'x1', name: 'bob', text: 'hi', at }
    expect(take('a')).toEqual([line])
    expect(take('b')).toEqual([line])
    expect(take('c')).toEqual([])
  })

  it('refuses a line from a member in no room', () => {
    const { rooms, take } = setup()
    rooms.join('a', 'lobby', 'ada')
    take('a')
    expect(rooms.say('z', 'x', 'boo')).toBe(false)
    expect(take('a')).toEqual([])
  })

  it('keeps only the last historyLimit lines', () => {
    const { rooms, take } = setup(2)
    rooms.join('a', 'lobby', 'ada')
    for (const id of ['1', '2', '3']) rooms.say('a', id, `line ${id}`)
    rooms.join('b', 'lobby', 'bob')
    const [welcome] = take('b')
    expect(welcome?.type === 'welcome' && welcome.history.map((l) => l.id)).toEqual(['2', '3'])
  })

  it('tells the others when a member leaves, and deletes the emptied room', () => {
    const { rooms, take, at } = setup()
    rooms.join('a', 'lobby', 'ada')
    rooms.join('b', 'lobby', 'bob')
    take('a')
    take('b')
    rooms.leave('b')
    expect(take('a')).toEqual([{ type: 'left', name: 'bob', at }])
    expect(take('b')).toEqual([])
    expect(rooms.roomOf('b')).toBeUndefined()
    expect(rooms.count()).toBe(1)
    rooms.leave('a')
    expect(rooms.count()).toBe(0)
    rooms.leave('a')
    expect(take('a')).toEqual([])
  })

  it('moves a member that joins another room', () => {
    const { rooms, take, at } = setup()
    rooms.join('a', 'one', 'ada')
    rooms.join('b', 'one', 'bob')
    take('a')
    take('b')
    rooms.join('b', 'two', 'bob')
    expect(take('a')).toEqual([{ type: 'left', name: 'bob', at }])
    expect(take('b')).toEqual([
      { type: 'welcome', room: 'two', name: 'bob', members: ['bob'], history: [] },
    ])
    expect(rooms.roomOf('b')).toBe('two')
    expect(rooms.count()).toBe(2)
  })

  it('starts a room afresh once everyone left: its history is gone', () => {
    const { rooms, take } = setup()
    rooms.join('a', 'lobby', 'ada')
    rooms.say('a', '1', 'remember me')
    rooms.leave('a')
    take('a')
    rooms.join('b', 'lobby', 'bob')
    const [welcome] = take('b')
    expect(welcome?.type === 'welcome' && welcome.history).toEqual([])
  })
})
