import { createManualTimers } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { createAddressLimits } from './addressLimits.js'

describe('createAddressLimits', () => {
  it('holds at most `open` connections per address, and each address alone', () => {
    const limits = createAddressLimits({ open: 2, rate: { perSecond: 100, burst: 100 } })
    expect([limits.admit('a'), limits.admit('a'), limits.admit('a')]).toEqual([true, true, false])
    expect(limits.admit('b')).toBe(true)
    limits.release('a')
    expect(limits.admit('a')).toBe(true)
  })

  it('limits new connections per address to a burst, then the sustained rate', () => {
    const clock = createManualTimers()
    const limits = createAddressLimits({ open: 100, rate: { perSecond: 1, burst: 3 } }, clock.now)
    const tries = () => {
      const admitted = limits.admit('a')
      if (admitted) limits.release('a')
      return admitted
    }
    expect([tries(), tries(), tries(), tries()]).toEqual([true, true, true, false])
    clock.advance(1_000)
    expect([tries(), tries()]).toEqual([true, false])
  })

  it('a refused connection counts nothing: releasing more than admitted does not go below zero', () => {
    const limits = createAddressLimits({ open: 1 })
    expect(limits.admit('a')).toBe(true)
    expect(limits.admit('a')).toBe(false)
    limits.release('a')
    limits.release('a')
    expect(limits.admit('a')).toBe(true)
    expect(limits.admit('a')).toBe(false)
  })

  it('refuses settings that could never admit anything', () => {
    expect(() => createAddressLimits({ open: 0 })).toThrow(RangeError)
    expect(() => createAddressLimits({ rate: { perSecond: 0, burst: 1 } })).toThrow(RangeError)
  })
})
