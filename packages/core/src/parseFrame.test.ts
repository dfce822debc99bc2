import { describe, expect, it } from 'vitest'
import { parseFrame } from './parseFrame.js'

describe('parseFrame', () => {
  it('parses text with the given parser', () => {
    expect(parseFrame(JSON.parse, '{"a":1}')).toEqual({ json: { a: 1 }, error: null })
  })
  it('reports a throw as a readable error, with no json', () => {
    const result = parseFrame(JSON.parse, '{oops')
    expect(result.json).toBeUndefined()
    expect(result.error).toMatch(/^a message did not parse: /)
  })
  it('leaves binary frames and parse: false alone', () => {
    expect(parseFrame(JSON.parse, new ArrayBuffer(2))).toEqual({ json: undefined, error: null })
    expect(parseFrame(null, '{"a":1}')).toEqual({ json: undefined, error: null })
  })
})
