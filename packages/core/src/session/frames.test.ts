import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeFrame,
  decodeServerFrame,
  encodeControl,
  encodeData,
  type SessionFrame,
} from './frames.js'

describe('session frames', () => {
  it('numbered messages carry any text, colons and JSON included', () => {
    expect(decodeFrame(encodeData(7, 'a:b:{"c":1}'))).toEqual({
      type: 'data',
      n: 7,
      payload: 'a:b:{"c":1}',
    })
    expect(decodeFrame(encodeData(0, ''))).toEqual({ type: 'data', n: 0, payload: '' })
    expect(decodeFrame('123456789012345:x')).toEqual({
      type: 'data',
      n: 123456789012345,
      payload: 'x',
    })
  })

  it.each([
    ['01:x', 'leading zero'],
    ['1234567890123456:x', 'more than 15 digits'],
    ['-1:x', 'negative'],
    ['1x', 'no colon'],
    ['ping', 'plain text'],
    ['', 'empty'],
  ])('%j is not a message (%s)', (text) => {
    expect(decodeFrame(text).type).toBe('invalid')
  })

  it('control frames round-trip', () => {
    const frames: SessionFrame[] = [
      { type: 'open', v: 1, id: null, ack: 0 },
      { type: 'open', v: 1, id: 'abc_DEF-123', ack: 42 },
      { type: 'ready', id: 'abc', resumed: true, ack: 9 },
      { type: 'ack', ack: 1_000 },
      { type: 'end' },
    ]
    for (const frame of frames) {
      expect(
        decodeFrame(encodeControl(frame as Exclude<SessionFrame, { type: 'data' | 'invalid' }>)),
      ).toEqual(frame)
    }
  })

  it.each([
    ['{"s":"open","v":2,"id":null,"ack":0}', 'protocol version 2'],
    ['{"s":"open","v":1,"id":"a b","ack":0}', 'bad fields'],
    ['{"s":"open","v":1,"id":null,"ack":-1}', 'bad fields'],
    ['{"s":"ack","ack":1.5}', 'bad fields'],
    ['{"s":"ready","id":"x","ack":0}', 'bad fields'],
    ['{"s":"nope"}', 'bad fields'],
    ['{"s":"constructor"}', 'bad fields'],
    ['{"s":"__proto__"}', 'bad fields'],
    ['{"s":"toString","ack":0}', 'bad fields'],
    ['{broken', 'not JSON'],
    ['ping', 'not a session frame'],
  ])('%s is refused: %s', (text, reason) => {
    const frame = decodeFrame(text)
    expect(frame.type).toBe('invalid')
    expect(frame.type === 'invalid' && frame.reason).toContain(reason)
  })

  it('a client reads what a server sends; a frame only clients send is a bad one', () => {
    expect(decodeServerFrame('3:hi')).toEqual({ type: 'data', n: 3, payload: 'hi' })
    expect(decodeServerFrame('{"s":"ready","id":"abc","resumed":false,"ack":0}')).toEqual({
      type: 'ready',
      id: 'abc',
      resumed: false,
      ack: 0,
    })
    expect(decodeServerFrame('{"s":"ack","ack":5}')).toEqual({ type: 'ack', ack: 5 })
    for (const text of ['{"s":"open","v":1,"id":null,"ack":0}', '{"s":"end"}']) {
      expect(decodeFrame(text).type).not.toBe('invalid')
      expect(decodeServerFrame(text)).toEqual({
        type: 'invalid',
        reason: 'a control frame with bad fields',
      })
    }
  })

  it('decodes any text without throwing (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const frame = decodeFrame(text)
        expect(['data', 'open', 'ready', 'ack', 'end', 'invalid']).toContain(frame.type)
        expect(['data', 'ready', 'ack', 'invalid']).toContain(decodeServerFrame(text).type)
      }),
      { numRuns: 500 },
    )
  })

  it('decodes any JSON value without throwing (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const frame = decodeFrame(JSON.stringify({ s: 'open', v: 1, id: value, ack: value }))
        expect(['open', 'invalid']).toContain(frame.type)
        const other = decodeFrame(JSON.stringify(value) ?? '')
        expect(other.type).toBeDefined()
      }),
      { numRuns: 1_000 },
    )
  })
})
