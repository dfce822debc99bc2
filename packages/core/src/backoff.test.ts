import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type BackoffOptions, nextDelay } from './backoff.js'

const options: BackoffOptions = { minDelay: 1_000, maxDelay: 30_000, factor: 2, jitter: 0.5 }
const noJitter: BackoffOptions = { ...options, jitter: 0 }
const JUST_UNDER_ONE = 1 - Number.EPSILON

describe('nextDelay', () => {
  it('gives the full delay for random 0', () => {
    expect(nextDelay(1, options, 0)).toBe(1_000)
    expect(nextDelay(3, options, 0)).toBe(4_000)
  })

  it('gives delay·(1 - jitter) for random just under 1', () => {
    expect(nextDelay(1, options, JUST_UNDER_ONE)).toBe(500)
    expect(nextDelay(3, options, JUST_UNDER_ONE)).toBe(2_000)
    expect(nextDelay(1, { ...options, jitter: 0.2 }, JUST_UNDER_ONE)).toBe(800)
  })

  it('scales linearly with random between the two ends', () => {
    expect(nextDelay(1, options, 0.5)).toBe(750)
    expect(nextDelay(2, options, 0.25)).toBe(1_750)
  })

  it('grows by factor per attempt', () => {
    expect([1, 2, 3, 4, 5].map((n) => nextDelay(n, noJitter, 0))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000,
    ])
    expect([1, 2, 3].map((n) => nextDelay(n, { ...noJitter, factor: 3 }, 0))).toEqual([
      1_000, 3_000, 9_000,
    ])
  })

  it('caps the delay at maxDelay', () => {
    expect(nextDelay(5, noJitter, 0)).toBe(16_000)
    expect(nextDelay(6, noJitter, 0)).toBe(30_000)
    expect(nextDelay(100, noJitter, 0)).toBe(30_000)
    expect(nextDelay(100, options, JUST_UNDER_ONE)).toBe(15_000)
  })

  it('ignores random when jitter is 0', () => {
    for (const random of [0, 0.1, 0.5, 0.9, JUST_UNDER_ONE]) {
      expect(nextDelay(1, noJitter, random)).toBe(1_000)
      expect(nextDelay(4, noJitter, random)).toBe(8_000)
    }
  })

  it('treats n < 1 as attempt 1', () => {
    expect(nextDelay(0, noJitter, 0)).toBe(1_000)
    expect(nextDelay(-3, noJitter, 0)).toBe(1_000)
    expect(nextDelay(0.5, noJitter, 0)).toBe(1_000)
    expect(nextDelay(0, options, JUST_UNDER_ONE)).toBe(500)
  })

  it('stays within [round(base·(1 - jitter)), base] for any random in [0, 1)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 60 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, minDelay, extra, factor, jitter, random) => {
          const opts = { minDelay, maxDelay: minDelay + extra, factor, jitter }
          const base = Math.min(opts.maxDelay, minDelay * factor ** Math.max(0, n - 1))
          const delay = nextDelay(n, opts, random)
          expect(Number.isInteger(delay)).toBe(true)
          expect(delay).toBeLessThanOrEqual(Math.round(base))
          expect(delay).toBeGreaterThanOrEqual(Math.round(base * (1 - jitter)))
          expect(delay).toBeLessThanOrEqual(opts.maxDelay)
        },
      ),
    )
  })

  it('never shrinks as n grows, for a fixed random', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, random) => {
          expect(nextDelay(n + 1, options, random)).toBeGreaterThanOrEqual(
            nextDelay(n, options, random),
          )
        },
      ),
    )
  })
})
