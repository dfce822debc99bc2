import { createFakeWebSocket, type FakeEvent } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'

describe('createFakeWebSocket', () => {
  it('registers every socket in its own kit', () => {
    const kit = createFakeWebSocket()
    const other = createFakeWebSocket()
    const a = new kit.WebSocket('ws://test/a', ['v1', 'v2'])
    const b = new kit.WebSocket(new URL('ws://test/b'))
    expect(kit.sockets).toEqual([a, b])
    expect(kit.last()).toBe(b)
    expect(other.sockets).toEqual([])
    expect(a.url).toBe('ws://test/a')
    expect(a.protocols).toEqual(['v1', 'v2'])
    expect(b.url).toBe('ws://test/b')
    expect([kit.WebSocket.CONNECTING, a.OPEN, a.CLOSING, kit.WebSocket.CLOSED]).toEqual([
      0, 1, 2, 3,
    ])
    expect([a.readyState, a.binaryType, a.bufferedAmount, a.extensions]).toEqual([0, 'blob', 0, ''])
    b.fail()
    expect(kit.live()).toEqual([a])
  })

  it('opens, sends, receives and completes a client close', () => {
    const kit = createFakeWebSocket()
    const socket = new kit.WebSocket('ws://test', 'chat')
    const events: FakeEvent[] = []
    const record = (event: FakeEvent) => events.push(event)
    socket.addEventListener('open', record)
    socket.addEventListener('message', record)
    socket.addEventListener('close', record)
    socket.onmessage = (event) => events.push({ ...event, data: `on:${String(event.data)}` })

    expect(() => socket.send('early')).toThrow(
      expect.objectContaining({ name: 'InvalidStateError' }),
    )
    socket.open()
    expect(socket.protocol).toBe('chat')
    socket.send('hello')
    socket.receive('world')
    socket.close(1000, 'done')
    socket.send('late')
    socket.receive('dropped while closing')
    expect(socket.readyState).toBe(socket.CLOSING)
    expect(events.map((event) => event.type)).toEqual(['open', 'message', 'message'])
    socket.finishClose()

    expect(socket.sent).toEqual(['hello'])
    expect(socket.closeCalls).toEqual([{ code: 1000, reason: 'done' }])
    expect(events).toEqual([
      { type: 'open', target: socket },
      { type: 'message', data: 'world', target: socket },
      { type: 'message', data: 'on:world', target: socket },
      { type: 'close', code: 1000, reason: 'done', wasClean: true, target: socket },
    ])
    expect(socket.readyState).toBe(socket.CLOSED)
  })

  it('fail() dispatches error then an unclean 1006 close', () => {
    const socket = new (createFakeWebSocket().WebSocket)('ws://test')
    const types: string[] = []
    socket.onerror = (event) => types.push(`error:${event.message}`)
    socket.addEventListener('close', {
      handleEvent: (event) => types.push(`close:${event.code}:${event.wasClean}`),
    })
    socket.fail('refused')
    expect(types).toEqual(['error:refused', 'close:1006:false'])
    expect(socket.readyState).toBe(3)
    expect(() => socket.fail()).toThrow('needs readyState')
  })

  it('serverClose() closes cleanly with code and reason', () => {
    const socket = new (createFakeWebSocket().WebSocket)('ws://test')
    socket.open()
    let closed: unknown
    socket.onclose = (event) => {
      closed = [event.code, event.reason, event.wasClean, socket.readyState]
    }
    socket.serverClose(4000, 'go away')
    expect(closed).toEqual([4000, 'go away', true, 3])
  })

  it('autoFinishClose emits close in a microtask, 1005 without a code', async () => {
    const socket = new (createFakeWebSocket({ autoFinishClose: true }).WebSocket)('ws://test')
    socket.open()
    const codes: number[] = []
    socket.addEventListener('close', (event) => codes.push(event.code))
    socket.close()
    expect(codes).toEqual([])
    await Promise.resolve()
    expect(codes).toEqual([1005])
  })

  it('rejects close codes and reasons a browser rejects', () => {
    const socket = new (createFakeWebSocket().WebSocket)('ws://test')
    expect(() => socket.close(1001)).toThrow(
      expect.objectContaining({ name: 'InvalidAccessError' }),
    )
    expect(() => socket.close(1000, 'x'.repeat(124))).toThrow(
      expect.objectContaining({ name: 'SyntaxError' }),
    )
    expect(socket.closeCalls).toEqual([])
  })

  it('counts listeners like the DOM: duplicates ignored, once and signal honoured', () => {
    const socket = new (createFakeWebSocket().WebSocket)('ws://test')
    const calls: string[] = []
    const listener = () => calls.push('listener')
    const controller = new AbortController()
    socket.addEventListener('message', listener)
    socket.addEventListener('message', listener)
    socket.addEventListener('message', () => calls.push('once'), { once: true })
    socket.addEventListener('message', () => calls.push('signal'), { signal: controller.signal })
    socket.onmessage = () => calls.push('property')
    expect(socket.listenerCount('message')).toBe(4)
    socket.open()
    socket.receive(1)
    expect(calls).toEqual(['listener', 'once', 'signal', 'property'])
    controller.abort()
    socket.removeEventListener('message', listener)
    socket.onmessage = null
    expect(socket.listenerCount('message')).toBe(0)
    socket.receive(2)
    expect(calls).toHaveLength(4)
  })

  it('keeps dispatching after a listener throws, then rethrows', () => {
    const socket = new (createFakeWebSocket().WebSocket)('ws://test')
    const calls: string[] = []
    socket.addEventListener('open', () => {
      throw new Error('listener bug')
    })
    socket.addEventListener('open', () => calls.push('second'))
    expect(() => socket.open()).toThrow('listener bug')
    expect(calls).toEqual(['second'])
    expect(socket.readyState).toBe(1)
  })
})
