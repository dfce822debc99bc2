import { createManualTimers } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { createAddressBuckets } from './addressBuckets.js'

describe('createAddressBuckets', () => {
  it('keeps one bucket per address', () => {
    const clock = createManualTimers()
    const buckets = createAddressBuckets({ perSecond: 1, burst: 2 }, clock.now)
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([true, true, false])
    expect(buckets.take('b')).toBe(true)
    clock.advance(1_000)
    expect([buckets.take('a'), buckets.take('a')]).toEqual([true, false])
  })

  it('forgets a bucket only once it refilled: forgetting is then the same as keeping it', () => {
    const clock = createManualTimers()
    const buckets = createAddressBuckets({ perSecond: 1, burst: 2 }, clock.now)
    buckets.take('drained')
    buckets.take('drained')
    for (let i = 0; i < 300; i++) buckets.take(`once-${i}`)
    clock.advance(500)
    // The prune every 256 takes keeps them all: none has refilled yet.
    for (let i = 0; i < 256; i++) buckets.take('busy')
    expect(buckets.size()).toBe(302)
    expect(buckets.take('drained')).toBe(false)
    clock.advance(5_000)
    for (let i = 0; i < 256; i++) buckets.take('busy')
    expect(buckets.size()).toBe(1)
  })

  it('refuses a rate that could never let anything through', () => {
    expect(() => createAddressBuckets({ perSecond: 0, burst: 1 })).toThrow(RangeError)
  })
})
