import { describe, expect, it } from 'vitest'
import { createQueue } from './queue.js'

describe('createQueue', () => {
  it('keeps messages in FIFO order', () => {
    const queue = createQueue({ maxSize: 10, overflow: 'drop-oldest' })
    expect(queue.push('a')).toBe('queued')
    expect(queue.push('b')).toBe('queued')
    expect(queue.push('c')).toBe('queued')
    expect(queue.size).toBe(3)
    expect(queue.drain()).toEqual(['a', 'b', 'c'])
  })

  it("'drop-oldest' drops the oldest and keeps the newest", () => {
    const queue = createQueue({ maxSize: 2, overflow: 'drop-oldest' })
    queue.push('a')
    queue.push('b')
    expect(queue.push('c')).toBe('queued-dropped-oldest')
    expect(queue.size).toBe(2)
    expect(queue.push('d')).toBe('queued-dropped-oldest')
    expect(queue.drain()).toEqual(['c', 'd'])
  })

  it("'drop-newest' drops the new message", () => {
    const queue = createQueue({ maxSize: 2, overflow: 'drop-newest' })
    queue.push('a')
    queue.push('b')
    expect(queue.push('c')).toBe('dropped')
    expect(queue.size).toBe(2)
    expect(queue.drain()).toEqual(['a', 'b'])
  })

  it("'error' refuses the new message", () => {
    const queue = createQueue({ maxSize: 2, overflow: 'error' })
    queue.push('a')
    queue.push('b')
    expect(queue.push('c')).toBe('refused')
    expect(queue.size).toBe(2)
    expect(queue.drain()).toEqual(['a', 'b'])
  })

  it('accepts again once there is room', () => {
    const queue = createQueue({ maxSize: 1, overflow: 'error' })
    expect(queue.push('a')).toBe('queued')
    expect(queue.push('b')).toBe('refused')
    queue.drain()
    expect(queue.push('c')).toBe('queued')
    expect(queue.drain()).toEqual(['c'])
  })

  it.each([
    ['drop-oldest', 'dropped'],
    ['drop-newest', 'dropped'],
    ['error', 'refused'],
  ] as const)('maxSize 0 with %s keeps nothing (%s)', (overflow, result) => {
    const queue = createQueue({ maxSize: 0, overflow })
    expect(queue.push('a')).toBe(result)
    expect(queue.size).toBe(0)
    expect(queue.drain()).toEqual([])
  })

  it('drain empties the queue', () => {
    const queue = createQueue({ maxSize: 10, overflow: 'drop-oldest' })
    queue.push('a')
    queue.push('b')
    expect(queue.drain()).toEqual(['a', 'b'])
    expect(queue.size).toBe(0)
    expect(queue.drain()).toEqual([])
  })

  it('drain returns an array the queue no longer uses', () => {
    const queue = createQueue({ maxSize: 10, overflow: 'drop-oldest' })
    queue.push('a')
    const drained = queue.drain()
    queue.push('b')
    expect(drained).toEqual(['a'])
  })

  it('unshift puts messages back in front, in order', () => {
    const queue = createQueue({ maxSize: 10, overflow: 'drop-oldest' })
    queue.push('c')
    queue.push('d')
    queue.unshift(['a', 'b'])
    expect(queue.size).toBe(4)
    expect(queue.drain()).toEqual(['a', 'b', 'c', 'd'])
  })

  it('clear empties the queue', () => {
    const queue = createQueue({ maxSize: 10, overflow: 'drop-oldest' })
    queue.push('a')
    queue.clear()
    expect(queue.size).toBe(0)
    expect(queue.drain()).toEqual([])
  })

  it('keeps binary messages as they are', () => {
    const queue = createQueue({ maxSize: 10, overflow: 'drop-oldest' })
    const bytes = new Uint8Array([1, 2, 3])
    queue.push(bytes)
    expect(queue.drain()[0]).toBe(bytes)
  })
})
