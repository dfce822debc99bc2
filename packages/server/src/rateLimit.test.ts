import { createManualTimers } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { createFrameLimit, DEFAULT_RATE_LIMIT, resolveRateLimit } from './rateLimit.js'

const limits = (overrides: Parameters<typeof resolveRateLimit>[0]) => resolveRateLimit(overrides)

describe('createFrameLimit', () => {
  it('accepts a burst of frames, refuses the next with a strike, and closes past the strikes', () => {
    const clock = createManualTimers()
    const limit = createFrameLimit(
      limits({ frames: { perSecond: 1, burst: 3 }, strikes: 2 }),
      clock.now,
    )
    const seen = Array.from({ length: 6 }, () => limit.admit(10))
    expect(seen).toEqual(['accepted', 'accepted', 'accepted', 'refused', 'refused', 'abusive'])
  })

  it('counts bytes: a frame that would pass the byte burst is refused, smaller ones still pass', () => {
    const clock = createManualTimers()
    const limit = createFrameLimit(
      limits({ frames: { perSecond: 100, burst: 100 }, bytes: { perSecond: 100, burst: 1_000 } }),
      clock.now,
    )
    expect(limit.admit(900)).toBe('accepted')
    expect(limit.admit(200)).toBe('refused')
    expect(limit.admit(100)).toBe('accepted')
    clock.advance(1_000)
    expect(limit.admit(100)).toBe('accepted')
    expect(limit.admit(1)).toBe('refused')
  })

  it('spends from neither bucket for a refused frame', () => {
    const clock = createManualTimers()
    const limit = createFrameLimit(
      limits({ frames: { perSecond: 1, burst: 2 }, bytes: { perSecond: 1, burst: 100 } }),
      clock.now,
    )
    // Refused by bytes: the frame token stays, so two small frames still pass.
    expect(limit.admit(101)).toBe('refused')
    expect(limit.admit(50)).toBe('accepted')
    expect(limit.admit(50)).toBe('accepted')
  })

  it('forgives one strike per second', () => {
    const clock = createManualTimers()
    const limit = createFrameLimit(
      limits({ frames: { perSecond: 0.001, burst: 1 }, strikes: 1 }),
      clock.now,
    )
    expect(limit.admit(1)).toBe('accepted')
    expect(limit.admit(1)).toBe('refused')
    clock.advance(1_000)
    expect(limit.admit(1)).toBe('refused')
    expect(limit.admit(1)).toBe('abusive')
  })

  it('with strikes 0, the first refused frame is already abuse', () => {
    const limit = createFrameLimit(limits({ frames: { perSecond: 1, burst: 1 }, strikes: 0 }))
    expect([limit.admit(1), limit.admit(1)]).toEqual(['accepted', 'abusive'])
  })

  it('lets a reconnecting Lifeline client flush its whole default queue and hello at once', () => {
    const limit = createFrameLimit(DEFAULT_RATE_LIMIT, createManualTimers().now)
    // 1,000 queued messages of 1 KB each, the hello frames, a heartbeat.
    const admissions = Array.from({ length: 1_005 }, () => limit.admit(1_024))
    expect(admissions.every((admission) => admission === 'accepted')).toBe(true)
  })
})

describe('resolveRateLimit', () => {
  it('fills in the defaults, and true means all of them', () => {
    expect(resolveRateLimit(true)).toEqual(DEFAULT_RATE_LIMIT)
    expect(resolveRateLimit({ strikes: 3 })).toEqual({ ...DEFAULT_RATE_LIMIT, strikes: 3 })
  })

  it.each([
    { frames: { perSecond: 0, burst: 1 } },
    { bytes: { perSecond: 1, burst: 0 } },
    { strikes: -1 },
    { strikes: 1.5 },
    { strikes: Number.NaN },
  ])('refuses %o', (options) => {
    expect(() => resolveRateLimit(options)).toThrow(RangeError)
  })
})
