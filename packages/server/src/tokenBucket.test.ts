import { createManualTimers } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { createTokenBucket } from './tokenBucket.js'

const takeMany = (bucket: { take(): boolean }, n: number): boolean[] =>
  Array.from({ length: n }, () => bucket.take())

describe('createTokenBucket', () => {
  it('lets a full burst through, then refuses', () => {
    const clock = createManualTimers()
    const bucket = createTokenBucket({ perSecond: 10, burst: 3 }, clock.now)
    expect(takeMany(bucket, 4)).toEqual([true, true, true, false])
  })

  it('refills at perSecond: one token after 1/perSecond s, not before', () => {
    const clock = createManualTimers()
    const bucket = createTokenBucket({ perSecond: 10, burst: 2 }, clock.now)
    takeMany(bucket, 2)
    clock.advance(99)
    expect(bucket.take()).toBe(false)
    clock.advance(1)
    expect(bucket.take()).toBe(true)
    expect(bucket.take()).toBe(false)
  })

  it('never holds more than burst tokens, however long it idles', () => {
    const clock = createManualTimers()
    const bucket = createTokenBucket({ perSecond: 10, burst: 3 }, clock.now)
    clock.advance(60_000)
    expect(takeMany(bucket, 4)).toEqual([true, true, true, false])
  })

  it('takes amounts: all of it or nothing, so a refused amount costs nothing', () => {
    const clock = createManualTimers()
    const bucket = createTokenBucket({ perSecond: 1_000, burst: 1_000 }, clock.now)
    expect(bucket.take(600)).toBe(true)
    expect(bucket.take(600)).toBe(false)
    expect(bucket.take(400)).toBe(true)
    expect(bucket.take(1)).toBe(false)
    clock.advance(250)
    expect(bucket.has(250)).toBe(true)
    expect(bucket.has(251)).toBe(false)
    // has() spends nothing.
    expect(bucket.take(250)).toBe(true)
  })

  it('refused takes cost nothing', () => {
    const clock = createManualTimers()
    const bucket = createTokenBucket({ perSecond: 10, burst: 1 }, clock.now)
    bucket.take()
    for (let i = 0; i < 5; i++) {
      clock.advance(10)
      expect(bucket.take()).toBe(false)
    }
    clock.advance(50)
    expect(bucket.take()).toBe(true)
  })

  it('refills nothing when the clock steps back, nor twice when it steps forward again', () => {
    const clock = createManualTimers()
    const bucket = createTokenBucket({ perSecond: 10, burst: 1 }, clock.now)
    bucket.take()
    clock.advance(-5_000)
    expect(bucket.take()).toBe(false)
    clock.advance(5_050)
    expect(bucket.take()).toBe(false)
    clock.advance(50)
    expect(bucket.take()).toBe(true)
  })

  it.each([
    { perSecond: 0, burst: 1 },
    { perSecond: -1, burst: 1 },
    { perSecond: Number.NaN, burst: 1 },
    { perSecond: Number.POSITIVE_INFINITY, burst: 1 },
    { perSecond: 1, burst: 0 },
    { perSecond: 1, burst: Number.NaN },
  ])('refuses %o, which could never let anything through', (rate) => {
    expect(() => createTokenBucket(rate)).toThrow(RangeError)
  })
})
