import { describe, expect, it } from 'vitest'
import { parseJsonText } from './parse.js'

describe('parseJsonText (the default parse)', () => {
  it('parses objects and arrays, after leading whitespace too', () => {
    expect(parseJsonText('{"a":1}')).toEqual({ a: 1 })
    expect(parseJsonText('[1,2]')).toEqual([1, 2])
    expect(parseJsonText(' \n\t{"a":[]}')).toEqual({ a: [] })
  })

  it.each(['ping', 'pong', 'hello world', '42', 'true', '"quoted"', '', '  ', 'null'])(
    'takes %j as plain text: undefined, no throw',
    (text) => {
      expect(parseJsonText(text)).toBeUndefined()
    },
  )

  it('throws for text that looks like JSON but is not', () => {
    expect(() => parseJsonText('{broken')).toThrow()
    expect(() => parseJsonText('[1,')).toThrow()
  })
})
