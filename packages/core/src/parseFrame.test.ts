import { describe, expect, it, vi } from 'vitest'
import { parseFrame } from './parseFrame.js'

describe('parseFrame', () => {
  it('parses text with the given parser', () => {
    const fail = vi.fn()
    expect(parseFrame(JSON.parse, '{"a":1}', fail)).toEqual({ a: 1 })
    expect(fail).not.toHaveBeenCalled()
  })
  it('reports a throw as a readable error, with no json', () => {
    const fail = vi.fn()
    expect(parseFrame(JSON.parse, '{oops', fail)).toBeUndefined()
    expect(fail).toHaveBeenCalledOnce()
    expect(fail.mock.calls[0]?.[0]).toMatch(/^a message did not parse: /)
  })
  it('leaves binary frames and parse: false alone', () => {
    const fail = vi.fn()
    expect(parseFrame(JSON.parse, new ArrayBuffer(2), fail)).toBeUndefined()
    expect(parseFrame(null, '{"a":1}', fail)).toBeUndefined()
    expect(fail).not.toHaveBeenCalled()
  })
})
