import { describe, expect, it } from 'vitest'
import { createPressureGauge, DEFAULT_BACKPRESSURE, resolveBackpressure } from './backpressure.js'

describe('createPressureGauge', () => {
  const gauge = () => createPressureGauge(resolveBackpressure({ limit: 1_000, grace: 500 }))

  it('is ok at or under the limit, over above it', () => {
    const g = gauge()
    expect(g.check(0, 0)).toBe('ok')
    expect(g.check(1_000, 0)).toBe('ok')
    expect(g.check(1_001, 0)).toBe('over')
  })

  it('is overdue once it stayed above the limit for the whole grace, not before', () => {
    const g = gauge()
    expect(g.check(5_000, 10_000)).toBe('over')
    expect(g.check(5_000, 10_499)).toBe('over')
    expect(g.check(5_000, 10_500)).toBe('overdue')
  })

  it('starts the grace afresh after going back under the limit even once', () => {
    const g = gauge()
    g.check(5_000, 10_000)
    expect(g.check(10, 10_400)).toBe('ok')
    expect(g.check(5_000, 10_600)).toBe('over')
    expect(g.check(5_000, 11_099)).toBe('over')
    expect(g.check(5_000, 11_100)).toBe('overdue')
  })

  it('with grace 0, is overdue at the first look above the limit', () => {
    const g = createPressureGauge(resolveBackpressure({ limit: 10, grace: 0 }))
    expect(g.check(11, 0)).toBe('overdue')
  })
})

describe('resolveBackpressure', () => {
  it('fills in the defaults: 1 MiB, 10 s, 1013', () => {
    expect(resolveBackpressure(true)).toEqual({ limit: 1024 * 1024, grace: 10_000, code: 1013 })
    expect(resolveBackpressure({ code: 1008 })).toEqual({ ...DEFAULT_BACKPRESSURE, code: 1008 })
  })

  it.each([
    { limit: -1 },
    { limit: Number.NaN },
    { grace: -5 },
    { code: 1005 },
    { code: 1006 },
    { code: 999 },
    { code: 5000 },
  ])('refuses %o', (options) => {
    expect(() => resolveBackpressure(options)).toThrow(RangeError)
  })
})
