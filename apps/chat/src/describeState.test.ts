import { describe, expect, it } from 'vitest'
import {
  type DescribedState,
  describeLatency,
  describeNetwork,
  describeNetworkChange,
  describeNextRetry,
  describeSession,
} from './describeState.js'

const now = 1_700_000_000_000
const state = (change: Partial<DescribedState>): DescribedState => ({
  status: 'open',
  attempt: 0,
  retryAt: null,
  latency: null,
  online: true,
  ...change,
})

describe('describeLatency', () => {
  it('is plain only for a link open now that answered a ping', () => {
    expect(describeLatency(state({ latency: 42 }), true)).toBe('42 ms')
  })

  it.each<[string, Partial<DescribedState>, boolean]>([
    ['reconnecting', { status: 'reconnecting' }, true],
    ['closed', { status: 'closed' }, true],
    ['offline while open', { online: false }, true],
    ['a new link before its first pong', {}, false],
  ])('is marked as the last known when %s', (_, change, measured) => {
    expect(describeLatency(state({ latency: 42, ...change }), measured)).toBe('42 ms (last known)')
  })

  it('is a dash before any pong', () => {
    expect(describeLatency(state({ status: 'reconnecting' }), true)).toBe('—')
  })
})

describe('describeNextRetry', () => {
  it('numbers the next retry as the attempt counter will count it', () => {
    const waiting = state({ status: 'reconnecting', attempt: 4, retryAt: now + 4_500 })
    expect(describeNextRetry(waiting, now)).toBe('attempt 5 in 4.5 s')
    // After a stable link the counter is 0: the first retry is attempt 1.
    expect(describeNextRetry({ ...waiting, attempt: 0 }, now)).toBe('attempt 1 in 4.5 s')
  })

  it('never counts below zero', () => {
    const late = state({ status: 'reconnecting', attempt: 1, retryAt: now - 50 })
    expect(describeNextRetry(late, now)).toBe('attempt 2 in 0.0 s')
  })

  it('says retries are paused while offline', () => {
    expect(describeNextRetry(state({ status: 'reconnecting', online: false }), now)).toBe(
      'paused while offline',
    )
  })

  it.each(['idle', 'connecting', 'open', 'closing', 'closed'] as const)(
    'is a dash while %s',
    (status) => {
      expect(describeNextRetry(state({ status, attempt: 2 }), now)).toBe('—')
    },
  )
})

describe('describeNetwork', () => {
  it('says that retries wait while there is a connection to keep', () => {
    expect(describeNetwork({ status: 'open', online: true })).toBe('online')
    expect(describeNetwork({ status: 'open', online: false })).toBe('offline: retries paused')
    expect(describeNetwork({ status: 'reconnecting', online: false })).toBe(
      'offline: retries paused',
    )
    expect(describeNetwork({ status: 'closed', online: false })).toBe('offline')
  })
})

describe('describeNetworkChange', () => {
  it('tells the timeline what going offline does', () => {
    expect(describeNetworkChange(false, 'open')).toBe(
      'went offline: checking the link, retries paused',
    )
    expect(describeNetworkChange(false, 'reconnecting')).toBe('went offline: retries paused')
    expect(describeNetworkChange(false, 'idle')).toBe('went offline')
    expect(describeNetworkChange(true, 'connecting')).toBe('online again')
  })
})

describe('describeSession', () => {
  it.each([
    [{ id: null, resumed: null, unacked: 0 }, 'no handshake yet'],
    [{ id: 's1', resumed: false, unacked: 0 }, 'new session'],
    [{ id: 's1', resumed: true, unacked: 0 }, 'resumed'],
    [{ id: 's1', resumed: true, unacked: 3 }, 'resumed · 3 unacknowledged'],
    [{ id: null, resumed: null, unacked: 1 }, 'no handshake yet · 1 unacknowledged'],
  ])('reads %o as %s', (session, expected) => {
    expect(describeSession(session)).toBe(expected)
  })
})
