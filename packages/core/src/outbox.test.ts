import { describe, expect, it, vi } from 'vitest'
import type { ResolvedQueue } from './defaults.js'
import { createOutbox, type SendTarget } from './outbox.js'
import type { ErrorKind, SendData } from './types.js'

function setup(queue: ResolvedQueue | null = { maxSize: 10, overflow: 'drop-oldest' }) {
  const socket = { send: vi.fn((_data: SendData): void => {}) }
  let open = false
  const report = vi.fn((_queued: number, _dropped: number): void => {})
  const fail = vi.fn((_kind: ErrorKind, _message: string): void => {})
  const real = createOutbox(queue, report, fail)
  const target = (): SendTarget | null => (open ? socket : null)
  // The engine hands the open socket (or null) to each call; here a flag stands for it.
  const outbox = {
    send: (data: SendData) => real.send(data, target()),
    // A socket that opens flushes the queue (there is no hello here).
    flush: () => {
      const to = target()
      if (to !== null) real.open(to, undefined)
    },
    clear: () => real.clear(),
  }
  const setOpen = (value: boolean): void => {
    open = value
  }
  return { outbox, socket, report, fail, setOpen }
}

const sent = (socket: { send: { mock: { calls: unknown[][] } } }): unknown[] =>
  socket.send.mock.calls.map((call) => call[0])

describe('createOutbox', () => {
  it("returns 'sent' and hands the data to the target when there is one", () => {
    const { outbox, socket, setOpen } = setup()
    setOpen(true)
    expect(outbox.send('a')).toBe('sent')
    expect(socket.send).toHaveBeenCalledWith('a')
  })

  it.each([
    ['an ArrayBuffer', new ArrayBuffer(2)],
    ['a typed array', new Uint8Array([1, 2])],
    ['a DataView', new DataView(new ArrayBuffer(2))],
    ['a Blob', new Blob(['x'])],
  ])('sends %s', (_name, data) => {
    const { outbox, socket, setOpen } = setup()
    setOpen(true)
    expect(outbox.send(data)).toBe('sent')
    expect(socket.send).toHaveBeenCalledWith(data)
  })

  it("returns 'queued' when there is no target, and reports the count", () => {
    const { outbox, socket, report } = setup()
    expect(outbox.send('a')).toBe('queued')
    expect(outbox.send('b')).toBe('queued')
    expect(socket.send).not.toHaveBeenCalled()
    expect(report).toHaveBeenLastCalledWith(2, 0)
  })

  it('flush sends the queued messages in order and reports an empty queue', () => {
    const { outbox, socket, report, setOpen } = setup()
    outbox.send('a')
    outbox.send('b')
    outbox.send('c')
    outbox.flush()
    expect(socket.send).not.toHaveBeenCalled()
    setOpen(true)
    outbox.flush()
    expect(sent(socket)).toEqual(['a', 'b', 'c'])
    expect(report).toHaveBeenLastCalledWith(0, 0)
    outbox.flush()
    expect(socket.send).toHaveBeenCalledTimes(3)
  })

  it('sends queued messages before a new one once the target is there', () => {
    const { outbox, socket, report, setOpen } = setup()
    outbox.send('a')
    outbox.send('b')
    setOpen(true)
    expect(outbox.send('c')).toBe('sent')
    expect(sent(socket)).toEqual(['a', 'b', 'c'])
    expect(report).toHaveBeenLastCalledWith(0, 0)
  })

  it('keeps the rest queued in order when the target throws half-way', () => {
    const { outbox, socket, report, fail, setOpen } = setup()
    for (const data of ['a', 'b', 'c', 'd']) outbox.send(data)
    socket.send.mockImplementation((data) => {
      if (data === 'c') throw new Error('socket closing')
    })
    setOpen(true)
    outbox.flush()
    expect(sent(socket)).toEqual(['a', 'b', 'c'])
    expect(fail).toHaveBeenCalledWith('send', 'send failed: socket closing')
    expect(report).toHaveBeenLastCalledWith(2, 0)

    socket.send.mockReset()
    outbox.flush()
    expect(sent(socket)).toEqual(['c', 'd'])
    expect(report).toHaveBeenLastCalledWith(0, 0)
  })

  it('queues a new message behind the rest when the flush before it fails', () => {
    const { outbox, socket, fail, setOpen } = setup()
    outbox.send('a')
    outbox.send('b')
    socket.send.mockImplementation(() => {
      throw new Error('not open')
    })
    setOpen(true)
    expect(outbox.send('c')).toBe('queued')
    expect(fail).toHaveBeenCalledWith('send', 'send failed: not open')

    socket.send.mockReset()
    outbox.flush()
    expect(sent(socket)).toEqual(['a', 'b', 'c'])
  })

  it('queues a message the target refused, with a send error', () => {
    const { outbox, socket, fail, report, setOpen } = setup()
    socket.send.mockImplementationOnce(() => {
      throw new Error('buffer full')
    })
    setOpen(true)
    expect(outbox.send('a')).toBe('queued')
    expect(fail).toHaveBeenCalledWith('send', 'send failed: buffer full')
    expect(report).toHaveBeenLastCalledWith(1, 0)
  })

  it("'drop-oldest' keeps the new message, drops the oldest, and reports the overflow", () => {
    const { outbox, socket, report, fail, setOpen } = setup({ maxSize: 2, overflow: 'drop-oldest' })
    outbox.send('a')
    outbox.send('b')
    expect(fail).not.toHaveBeenCalled()
    expect(outbox.send('c')).toBe('queued')
    expect(report).toHaveBeenLastCalledWith(2, 1)
    expect(fail).toHaveBeenCalledWith(
      'queue-overflow',
      'the send queue is full (2 messages): dropped the oldest message',
    )
    expect(outbox.send('d')).toBe('queued')
    expect(report).toHaveBeenLastCalledWith(2, 2)
    setOpen(true)
    outbox.flush()
    expect(sent(socket)).toEqual(['c', 'd'])
    expect(report).toHaveBeenLastCalledWith(0, 2)
  })

  it("'drop-newest' drops the new message and counts it", () => {
    const { outbox, socket, report, fail, setOpen } = setup({ maxSize: 2, overflow: 'drop-newest' })
    outbox.send('a')
    outbox.send('b')
    expect(outbox.send('c')).toBe('dropped')
    expect(report).toHaveBeenLastCalledWith(2, 1)
    expect(fail).toHaveBeenCalledWith(
      'queue-overflow',
      'the send queue is full (2 messages): dropped the new message',
    )
    setOpen(true)
    outbox.flush()
    expect(sent(socket)).toEqual(['a', 'b'])
  })

  it("'error' refuses the new message without counting it as dropped", () => {
    const { outbox, socket, report, fail, setOpen } = setup({ maxSize: 2, overflow: 'error' })
    outbox.send('a')
    outbox.send('b')
    expect(outbox.send('c')).toBe('dropped')
    expect(report).toHaveBeenLastCalledWith(2, 0)
    expect(fail).toHaveBeenCalledWith(
      'queue-overflow',
      'the send queue is full (2 messages): refused the new message',
    )
    setOpen(true)
    outbox.flush()
    expect(sent(socket)).toEqual(['a', 'b'])
  })

  it('queue maxSize 0 drops every message while there is no target', () => {
    const { outbox, report, fail } = setup({ maxSize: 0, overflow: 'drop-oldest' })
    expect(outbox.send('a')).toBe('dropped')
    expect(report).toHaveBeenLastCalledWith(0, 1)
    expect(fail).toHaveBeenCalledWith('queue-overflow', expect.stringContaining('(0 messages)'))
  })

  it("returns 'dropped' with the queue off and no target, and still sends with one", () => {
    const { outbox, socket, setOpen } = setup(null)
    expect(outbox.send('a')).toBe('dropped')
    outbox.flush()
    expect(socket.send).not.toHaveBeenCalled()
    setOpen(true)
    expect(outbox.send('b')).toBe('sent')
    expect(sent(socket)).toEqual(['b'])
  })

  it.each([
    ['a number', 42],
    ['a plain object', { text: 'hi' }],
    ['null', null],
  ])("drops %s with a 'send' error, even with a target", (_name, data) => {
    const { outbox, socket, fail, report, setOpen } = setup()
    setOpen(true)
    expect(outbox.send(data as never)).toBe('dropped')
    expect(socket.send).not.toHaveBeenCalled()
    expect(fail).toHaveBeenCalledWith('send', expect.stringContaining('use sendJson() for objects'))
    expect(report).not.toHaveBeenCalled()
  })

  it('clear empties the queue', () => {
    const { outbox, socket, setOpen } = setup()
    outbox.send('a')
    outbox.clear()
    setOpen(true)
    outbox.flush()
    expect(socket.send).not.toHaveBeenCalled()
  })
})
