import { describe, expect, it } from 'vitest'
import { createRateLimit } from './rateLimit.js'

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let t = start
  return {
    now: () => t,
    advance: (ms: number): void => {
      t += ms
    },
  }
}

const takeMany = (limit: { take(): boolean }, n: number): boolean[] =>
  Array.from({ length: n }, () => limit.take())

describe('createRateLimit', () => {
  it('lets a full burst through, then refuses', () => {
    const clock = manualClock()
    const limit = createRateLimit({ perSecond: 10, burst: 3 }, clock.now)
    expect(takeMany(limit, 4)).toEqual([true, true, true, false])
  })

  it('refills at perSecond: one token after 1/perSecond s, not before', () => {
    const clock = manualClock()
    const limit = createRateLimit({ perSecond: 10, burst: 2 }, clock.now)
    takeMany(limit, 2)
    clock.advance(99)
    expect(limit.take()).toBe(false)
    clock.advance(1)
    expect(limit.take()).toBe(true)
    expect(limit.take()).toBe(false)
  })

  it('never holds more than burst tokens, however long it idles', () => {
    const clock = manualClock()
    const limit = createRateLimit({ perSecond: 10, burst: 3 }, clock.now)
    clock.advance(60_000)
    expect(takeMany(limit, 4)).toEqual([true, true, true, false])
  })

  it('refused frames cost nothing', () => {
    const clock = manualClock()
    const limit = createRateLimit({ perSecond: 10, burst: 1 }, clock.now)
    limit.take()
    for (let i = 0; i < 5; i++) {
      clock.advance(10)
      expect(limit.take()).toBe(false)
    }
    clock.advance(50)
    expect(limit.take()).toBe(true)
  })

  it('refills nothing when the clock steps back', () => {
    const clock = manualClock()
    const limit = createRateLimit({ perSecond: 10, burst: 1 }, clock.now)
    limit.take()
    clock.advance(-5_000)
    expect(limit.take()).toBe(false)
  })

  it('rejects settings that could never let a frame through', () => {
    expect(() => createRateLimit({ perSecond: 0, burst: 1 })).toThrow(RangeError)
    expect(() => createRateLimit({ perSecond: 1, burst: 0.5 })).toThrow(RangeError)
  })
})
