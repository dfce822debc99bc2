import { describe, expect, it } from 'vitest'
import { readPort } from './readPort.js'

describe('readPort', () => {
  it('reads a port, and the fallback when unset or blank', () => {
    expect(readPort({ PORT: '9000' }, 'PORT', 8787)).toBe(9000)
    expect(readPort({ PORT: ' 0 ' }, 'PORT', 8787)).toBe(0)
    expect(readPort({}, 'PORT', 8787)).toBe(8787)
    expect(readPort({ PORT: '' }, 'PORT', 8787)).toBe(8787)
  })

  it.each(['abc', '-1', '1.5', '65536', '80x'])('refuses %s with the variable named', (value) => {
    expect(() => readPort({ APP_PORT: value }, 'APP_PORT', 5173)).toThrow(
      /^APP_PORT must be a port/,
    )
  })
})
