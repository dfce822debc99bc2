import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_NAME } from '../src/protocol.js'
import { checkName, skeleton } from './names.js'

const ok = (raw: string) => {
  const checked = checkName(raw)
  if (!checked.ok) throw new Error(`refused ${JSON.stringify(raw)}: ${checked.message}`)
  return checked
}

describe('checkName', () => {
  it('normalises: NFKC, trimmed, inner spacing collapsed', () => {
    expect(ok('  ada  ').name).toBe('ada')
    expect(ok('ａｄａ').name).toBe('ada') // full-width letters
    expect(ok('ﬁona').name).toBe('fiona') // the fi ligature
    expect(ok('ada\u00a0\u3000 lovelace').name).toBe('ada lovelace') // no-break and ideographic spaces
    expect(ok('e\u0301mile').name).toBe('émile') // composed
  })

  it.each([
    ['a zero-width space', 'admin\u200b'],
    ['a zero-width joiner', 'ad\u200dmin'],
    ['a word joiner', 'ad\u2060min'],
    ['a byte order mark', '\ufeffadmin'],
    ['a soft hyphen', 'ad\u00admin'],
    ['a right-to-left override', '\u202eadmin'],
    ['a left-to-right isolate', 'ad\u2066min'],
    ['a right-to-left mark', 'admin\u200f'],
    ['an Arabic letter mark', 'ad\u061cmin'],
    ['a NUL', 'ad\u0000min'],
    ['an escape', 'ad\u001bmin'],
    ['a newline', 'ad\nmin'],
    ['a C1 control', 'ad\u0085min'],
    ['a line separator', 'ad\u2028min'],
    ['a private-use character', 'ad\ue000min'],
    ['a Hangul filler', '\u3164'],
    ['a Braille blank', 'ad\u2800min'],
    ['stacked marks (zalgo)', 'a\u0300\u0301\u0302\u0303dmin'],
    ['a lone surrogate', 'ad\ud800min'],
  ])('refuses a name with %s', (_, raw) => {
    expect(checkName(raw)).toMatchObject({ ok: false, message: expect.any(String) })
  })

  it('refuses names empty after normalising, too long, or with no letter or digit', () => {
    for (const raw of [
      '',
      '   ',
      '\u3000',
      'x'.repeat(MAX_NAME + 1),
      'x'.repeat(1_000),
      '...',
      '- _',
    ]) {
      expect(checkName(raw).ok).toBe(false)
    }
    expect(ok('x'.repeat(MAX_NAME)).name).toHaveLength(MAX_NAME)
  })

  it('measures the length after normalising', () => {
    // U+FDFA is one character that NFKC spells out in 18.
    expect(checkName('\ufdfa'.repeat(2)).ok).toBe(false)
  })

  it('keeps letters of every script, emoji and a single accent', () => {
    for (const raw of ['Zoë', 'Пётр', 'Ἀθηνᾶ', '李小龍', 'محمد', 'अनु', '🙂 ada', 'O’Brien']) {
      expect(ok(raw).name).toBe(raw.normalize('NFKC'))
    }
  })
})

describe('skeleton', () => {
  it('makes look-alike names equal', () => {
    const admin = skeleton('admin')
    for (const alike of [
      'Admin',
      'ADMIN',
      'ädmin',
      'аdmin',
      'admіn',
      'adm1n',
      'admln',
      'ad_min',
      'ad.min',
      'ad min',
      'ａｄｍｉｎ',
    ]) {
      expect(skeleton(ok(alike).name)).toBe(admin)
    }
    expect(skeleton('rnary')).toBe(skeleton('mary'))
    expect(skeleton('0scar')).toBe(skeleton('Oscar'))
    expect(skeleton('νera')).toBe(skeleton('vera')) // Greek nu
  })

  it('keeps different names apart', () => {
    const names = [
      'ada',
      'bob',
      'carol',
      'dave',
      'eve',
      'mallory',
      'trent',
      'peggy',
      'victor',
      'walter',
    ]
    expect(new Set(names.map(skeleton)).size).toBe(names.length)
  })
})

describe('checkName on any string', () => {
  it('never throws, and what it accepts is stable, short and visible', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 40 })),
        (raw) => {
          const checked = checkName(raw)
          if (!checked.ok) return
          expect(checked.name.length).toBeGreaterThan(0)
          expect(checked.name.length).toBeLessThanOrEqual(MAX_NAME)
          expect(checked.name).toBe(checked.name.trim())
          expect(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(checked.name)).toBe(false)
          // Checking again changes nothing: what is stored is what was checked.
          expect(checkName(checked.name)).toEqual(checked)
        },
      ),
      { numRuns: 1_000 },
    )
  })
})
