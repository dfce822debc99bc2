import type { LifelineEvent } from '@lifeline/core'
import { describe, expect, it } from 'vitest'
import { addEvent, describeEvent, type TimelineEntry } from './timeline.js'

const at = 1_000_000

describe('describeEvent', () => {
  it.each<[LifelineEvent, string | null]>([
    [{ type: 'connecting', attempt: 2, at }, 'connecting (attempt 2)'],
    [{ type: 'open', at }, 'opened'],
    [{ type: 'ping', at }, 'ping'],
    [{ type: 'pong', latency: 12, at }, 'pong (12 ms)'],
    [
      {
        type: 'close',
        close: { code: 1006, reason: 'heartbeat timeout', wasClean: false, at },
        at,
      },
      'closed 1006 (heartbeat timeout)',
    ],
    [{ type: 'close', close: { code: 1000, reason: '', wasClean: true, at }, at }, 'closed 1000'],
    [
      { type: 'error', error: { kind: 'heartbeat-timeout', message: 'no pong', at }, at },
      'heartbeat timeout',
    ],
    [
      { type: 'error', error: { kind: 'socket', message: 'refused', at }, at },
      'error socket: refused',
    ],
    [{ type: 'retry', attempt: 3, retryAt: at + 1_420, at }, 'retry: attempt 3 in 1.4 s'],
    [{ type: 'status', status: 'open', at }, null],
  ])('%o reads %s', (event, text) => {
    expect(describeEvent(event)).toBe(text)
  })
})

describe('addEvent', () => {
  it('puts the newest first and keeps at most the cap', () => {
    let entries: readonly TimelineEntry[] = []
    for (let i = 0; i < 5; i++) entries = addEvent(entries, { type: 'ping', at: at + i }, i, 3)
    expect(entries.map((e) => e.id)).toEqual([4, 3, 2])
  })

  it('returns the same array for a skipped event', () => {
    const entries = addEvent([], { type: 'open', at }, 1)
    expect(addEvent(entries, { type: 'status', status: 'open', at }, 2)).toBe(entries)
  })
})
