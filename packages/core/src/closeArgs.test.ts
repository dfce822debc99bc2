import { describe, expect, it } from 'vitest'
import { closeArgs } from './closeArgs.js'

const bytes = (text: string): number => new TextEncoder().encode(text).length

describe('closeArgs', () => {
  it.each([1000, 3000, 3999, 4000, 4999])('passes code %s unchanged', (code) => {
    expect(closeArgs(code, 'bye')).toEqual({ code, reason: 'bye', problem: null })
  })

  it.each([999, 1001, 1006, 2999, 5000, 3000.5, 0, -1, Number.NaN])(
    'turns code %s into 1000 with a problem',
    (code) => {
      const result = closeArgs(code, 'bye')
      expect(result.code).toBe(1000)
      expect(result.reason).toBe('bye')
      expect(result.problem).toContain(`close code ${code} is not allowed`)
      expect(result.problem).toContain('1000 or 3000–4999')
    },
  )

  it('passes an empty reason', () => {
    expect(closeArgs(1000, '')).toEqual({ code: 1000, reason: '', problem: null })
  })

  it('passes a reason of exactly 123 bytes', () => {
    const reason = 'a'.repeat(123)
    expect(closeArgs(1000, reason)).toEqual({ code: 1000, reason, problem: null })
  })

  it('shortens a reason of 124 bytes to 123', () => {
    const result = closeArgs(1000, 'a'.repeat(124))
    expect(result.reason).toBe('a'.repeat(123))
    expect(result.code).toBe(1000)
    expect(result.problem).toBe('close reason longer than 123 bytes; shortened')
  })

  it('shortens a long reason to a prefix of at most 123 bytes', () => {
    const reason = 'x'.repeat(1_000)
    const result = closeArgs(4000, reason)
    expect(result.code).toBe(4000)
    expect(bytes(result.reason)).toBe(123)
    expect(reason.startsWith(result.reason)).toBe(true)
  })

  it('counts bytes, not characters, and keeps whole two-byte characters', () => {
    const twoByte = '\u00e9'
    expect(bytes(twoByte)).toBe(2)
    // 61 × 2 + 1 = 123 bytes: fits.
    const fits = `${twoByte.repeat(61)}a`
    expect(closeArgs(1000, fits).problem).toBeNull()
    // 62 × 2 = 124 bytes in 62 characters: too long although far under 123 characters.
    const result = closeArgs(1000, twoByte.repeat(62))
    expect(result.reason).toBe(twoByte.repeat(61))
    expect(bytes(result.reason)).toBe(122)
    expect(result.problem).toContain('shortened')
    // A round trip through UTF-8 keeps the string: no broken character.
    expect(new TextDecoder().decode(new TextEncoder().encode(result.reason))).toBe(result.reason)
  })

  it('shortens a reason of emoji to at most 123 bytes', () => {
    const reason = '\u{1F600}'.repeat(40)
    const result = closeArgs(1000, reason)
    expect(bytes(result.reason)).toBeLessThanOrEqual(123)
    expect(reason.startsWith(result.reason)).toBe(true)
    expect(result.problem).toContain('shortened')
  })

  it('reports both problems at once', () => {
    const result = closeArgs(1006, 'a'.repeat(200))
    expect(result.code).toBe(1000)
    expect(bytes(result.reason)).toBeLessThanOrEqual(123)
    expect(result.problem).toBe(
      'close code 1006 is not allowed (use 1000 or 3000–4999); sent 1000; close reason longer than 123 bytes; shortened',
    )
  })

  it('treats a reason that is not a string as empty', () => {
    expect(closeArgs(1000, undefined as never)).toEqual({ code: 1000, reason: '', problem: null })
  })

  it('never leaves half of a surrogate pair', () => {
    const result = closeArgs(1000, '\u{1F600}'.repeat(40))
    expect(new TextDecoder().decode(new TextEncoder().encode(result.reason))).toBe(result.reason)
    expect(result.reason).toBe('\u{1F600}'.repeat(30))
  })
})
