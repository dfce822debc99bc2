import { describe, expect, it } from 'vitest'
import { heartbeatStep } from './heartbeat.js'

const timing = { interval: 100, timeout: 50 }

describe('heartbeatStep', () => {
  describe('no ping outstanding (lastFrameAt 1000)', () => {
    const clock = { lastFrameAt: 1000, pingAt: null }

    it('waits until lastFrameAt + interval, 1 ms before it', () => {
      expect(heartbeatStep(clock, 1099, timing)).toEqual({ action: 'wait', at: 1100 })
    })

    it('pings at lastFrameAt + interval, with its deadline next', () => {
      expect(heartbeatStep(clock, 1100, timing)).toEqual({ action: 'ping', at: 1150 })
    })

    it('pings when checked later than due', () => {
      expect(heartbeatStep(clock, 1400, timing)).toEqual({ action: 'ping', at: 1450 })
    })

    it('waits right after a frame', () => {
      expect(heartbeatStep(clock, 1000, timing)).toEqual({ action: 'wait', at: 1100 })
    })
  })

  describe('ping sent at 1100, no frame since (lastFrameAt 1000)', () => {
    const clock = { lastFrameAt: 1000, pingAt: 1100 }

    it('waits until the deadline, 1 ms before it', () => {
      expect(heartbeatStep(clock, 1149, timing)).toEqual({ action: 'wait', at: 1150 })
    })

    it('is dead at the deadline', () => {
      expect(heartbeatStep(clock, 1150, timing)).toEqual({ action: 'dead' })
    })

    it('is dead after the deadline when checked on time (late 0)', () => {
      expect(heartbeatStep(clock, 1200, timing)).toEqual({ action: 'dead' })
    })
  })

  describe('a frame arrived after the ping', () => {
    it('is not dead at the deadline; waits until lastFrameAt + interval', () => {
      const clock = { lastFrameAt: 1120, pingAt: 1100 }
      expect(heartbeatStep(clock, 1150, timing)).toEqual({ action: 'wait', at: 1220 })
    })

    it('counts a frame at the very moment of the ping (lastFrameAt = pingAt)', () => {
      const clock = { lastFrameAt: 1100, pingAt: 1100 }
      expect(heartbeatStep(clock, 1150, timing)).toEqual({ action: 'wait', at: 1200 })
    })

    it('pings again once the new silence reaches the interval', () => {
      const clock = { lastFrameAt: 1120, pingAt: 1100 }
      expect(heartbeatStep(clock, 1219, timing)).toEqual({ action: 'wait', at: 1220 })
      expect(heartbeatStep(clock, 1220, timing)).toEqual({ action: 'ping', at: 1270 })
    })
  })

  describe('a timer that fired late past the deadline', () => {
    const clock = { lastFrameAt: 1000, pingAt: 1100 }

    it('pings again when late by more than timeout (second chance)', () => {
      expect(heartbeatStep(clock, 1300, timing, 200)).toEqual({ action: 'ping', at: 1350 })
      expect(heartbeatStep(clock, 1300, timing, 51)).toEqual({ action: 'ping', at: 1350 })
    })

    it('is dead when late by exactly timeout (not more)', () => {
      expect(heartbeatStep(clock, 1300, timing, 50)).toEqual({ action: 'dead' })
    })

    it('gives one fresh chance only: a late check of a ping that was one already finds it dead', () => {
      expect(heartbeatStep({ ...clock, retried: true }, 1300, timing, 200)).toEqual({
        action: 'dead',
      })
      expect(heartbeatStep({ ...clock, retried: true }, 1300, timing, 0)).toEqual({
        action: 'dead',
      })
    })

    it('a frame since the fresh ping means the link lives, retried or not', () => {
      const answered = { lastFrameAt: 1150, pingAt: 1100, retried: true }
      expect(heartbeatStep(answered, 1300, timing, 200)).toEqual({ action: 'ping', at: 1350 })
    })

    it('still waits when the deadline has not come, however late', () => {
      expect(heartbeatStep(clock, 1149, timing, 500)).toEqual({ action: 'wait', at: 1150 })
    })
  })

  it('while waiting for a pong, looks again after one interval when that comes before the deadline', () => {
    const timing = { interval: 30, timeout: 500 }
    expect(heartbeatStep({ lastFrameAt: 1000, pingAt: null }, 1030, timing)).toEqual({
      action: 'ping',
      at: 1060,
    })
    expect(heartbeatStep({ lastFrameAt: 1000, pingAt: 1030 }, 1060, timing)).toEqual({
      action: 'wait',
      at: 1090,
    })
    // The pong came at 1032: the next ping is due one interval later, at 1062.
    expect(heartbeatStep({ lastFrameAt: 1032, pingAt: 1030 }, 1060, timing)).toEqual({
      action: 'wait',
      at: 1062,
    })
    expect(heartbeatStep({ lastFrameAt: 1032, pingAt: 1030 }, 1062, timing)).toEqual({
      action: 'ping',
      at: 1092,
    })
  })
})
