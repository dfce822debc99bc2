import { createManualTimers } from '@lifeline/test-utils/browser'
import { describe, expect, it } from 'vitest'
import {
  ACK_DELAY,
  ACK_EVERY,
  acknowledge,
  arrival,
  createAckBatch,
  lastNumber,
  type Outgoing,
} from './sequence.js'

describe('acknowledge', () => {
  const kept = (): Outgoing => ({ first: 5, messages: ['e', 'f', 'g'] })

  it('forgets what the ack covers, keeps the rest numbered', () => {
    const out = kept()
    expect(acknowledge(out, 6)).toBe(true)
    expect(out).toEqual({ first: 7, messages: ['g'] })
    expect(lastNumber(out)).toBe(7)
  })

  it('an old ack changes nothing; an ack of everything empties it', () => {
    const out = kept()
    expect(acknowledge(out, 2)).toBe(true)
    expect(out).toEqual(kept())
    expect(acknowledge(out, 7)).toBe(true)
    expect(out).toEqual({ first: 8, messages: [] })
    expect(lastNumber(out)).toBe(7)
  })

  it('refuses an ack of a message never sent, and changes nothing', () => {
    const out = kept()
    expect(acknowledge(out, 8)).toBe(false)
    expect(out).toEqual(kept())
  })
})

describe('arrival', () => {
  it.each([
    [4, 3, 'next'],
    [3, 3, 'again'],
    [1, 3, 'again'],
    [5, 3, 'gap'],
    [1, 0, 'next'],
  ] as const)('message %i after %i: %s', (n, received, expected) => {
    expect(arrival(n, received)).toBe(expected)
  })
})

describe('createAckBatch', () => {
  it(`acknowledges after ${ACK_EVERY} messages, or ${ACK_DELAY} ms after the first`, () => {
    const timers = createManualTimers()
    let sent = 0
    const batch = createAckBatch(timers, () => sent++)
    batch.count()
    timers.advance(ACK_DELAY - 1)
    expect(sent).toBe(0)
    timers.advance(1)
    expect(sent).toBe(1)
    for (let i = 0; i < ACK_EVERY - 1; i++) batch.count()
    expect(sent).toBe(1)
    batch.count()
    expect(sent).toBe(2)
    // The batch sent by count leaves no timer behind.
    expect(timers.pending()).toBe(0)
  })

  it('cancel forgets the batch and its timer', () => {
    const timers = createManualTimers()
    let sent = 0
    const batch = createAckBatch(timers, () => sent++)
    batch.count()
    batch.cancel()
    timers.advance(ACK_DELAY * 2)
    expect(sent).toBe(0)
    expect(timers.pending()).toBe(0)
  })
})
