import { describe, expect, it } from 'vitest'
import { ctx, reconnect, state } from '../tests/machineFixtures.js'
import { type MachineContext, type MachineEvent, statusDeadline, transition } from './machine.js'
import type { ConnectionState, Status } from './types.js'

function run(from: Partial<ConnectionState>, event: MachineEvent, context = ctx) {
  return transition(state(from), event, context)
}

const lost = { type: 'close', code: 1006, reason: '', wasClean: false } as const
const disconnect = { type: 'disconnect', code: 1000, reason: '' } as const

describe('transition: status table', () => {
  // [from status, readyState, event, to status, readyState after]
  const table: Array<[Status, 0 | 1 | 2 | 3, MachineEvent, Status, 0 | 1 | 2 | 3]> = [
    ['idle', 3, { type: 'connect' }, 'connecting', 3],
    ['closed', 3, { type: 'connect' }, 'connecting', 3],
    ['reconnecting', 3, { type: 'connect' }, 'connecting', 3],
    ['closing', 2, { type: 'connect' }, 'connecting', 3],
    ['connecting', 0, { type: 'connect' }, 'connecting', 0],
    ['open', 1, { type: 'connect' }, 'open', 1],
    ['open', 1, disconnect, 'closing', 2],
    ['connecting', 0, disconnect, 'closing', 2],
    ['connecting', 3, disconnect, 'closed', 3],
    ['reconnecting', 3, disconnect, 'closed', 3],
    ['idle', 3, disconnect, 'closed', 3],
    ['closing', 2, disconnect, 'closing', 2],
    ['connecting', 3, { type: 'socket' }, 'connecting', 0],
    ['connecting', 0, { type: 'open' }, 'open', 1],
    ['reconnecting', 3, { type: 'open' }, 'reconnecting', 3],
    ['closing', 2, { type: 'close', code: 1000, reason: '', wasClean: true }, 'closed', 3],
    ['open', 1, lost, 'reconnecting', 3],
    ['open', 1, { type: 'close', code: 1008, reason: 'policy', wasClean: true }, 'closed', 3],
    ['open', 1, { type: 'close', code: 4401, reason: 'auth', wasClean: true }, 'closed', 3],
    ['open', 1, { type: 'close', code: 1011, reason: '', wasClean: true }, 'reconnecting', 3],
    ['closed', 3, lost, 'closed', 3],
    ['connecting', 0, { type: 'timer' }, 'reconnecting', 3],
    ['open', 1, { type: 'timer' }, 'open', 1],
    ['open', 1, { type: 'dead' }, 'reconnecting', 3],
    ['connecting', 0, { type: 'dead' }, 'connecting', 0],
    ['connecting', 3, { type: 'failed', kind: 'url', message: 'bad' }, 'reconnecting', 3],
    ['open', 1, { type: 'failed', kind: 'url', message: 'bad' }, 'open', 1],
    ['open', 1, { type: 'visible' }, 'open', 1],
    ['open', 1, { type: 'online' }, 'open', 1],
    ['open', 1, { type: 'offline' }, 'open', 1],
    ['reconnecting', 3, { type: 'online' }, 'connecting', 3],
    ['reconnecting', 3, { type: 'visible' }, 'connecting', 3],
    ['closed', 3, { type: 'visible' }, 'closed', 3],
    ['closed', 3, { type: 'online' }, 'closed', 3],
    ['open', 1, { type: 'destroy' }, 'closed', 3],
    ['reconnecting', 3, { type: 'destroy' }, 'closed', 3],
  ]

  it.each(table)('%s (readyState %i) + %o -> %s', (from, readyState, event, to, ready) => {
    const result = run({ status: from, readyState, attempt: 1, retryAt: null }, event)
    expect(result.state.status).toBe(to)
    expect(result.state.readyState).toBe(ready)
  })
})

describe('transition: attempts and backoff', () => {
  it('a deliberate connect starts a fresh series at attempt 1', () => {
    const result = run(
      { status: 'closed', attempt: 3 },
      { type: 'connect' },
      { ...ctx, series: 'lost' },
    )
    expect(result.state.attempt).toBe(1)
    expect(result.series).toBe('fresh')
  })

  it('a retry counts one more attempt and clears retryAt', () => {
    const next = run({ status: 'reconnecting', attempt: 2, retryAt: 12_000 }, { type: 'timer' })
    expect(next.state).toMatchObject({ status: 'connecting', attempt: 3, retryAt: null })
  })

  it('a stale retry (no retryAt, e.g. paused offline) does nothing', () => {
    const before = state({ status: 'reconnecting', attempt: 2, retryAt: null })
    expect(transition(before, { type: 'timer' }, ctx).state).toBe(before)
  })

  it('a stable link resets the attempt counter and makes the next loss a lost-link series', () => {
    const stable = run({ status: 'open', attempt: 3 }, { type: 'timer' })
    expect(stable.state.attempt).toBe(0)
    expect(stable.series).toBe('lost')
    expect(run({ status: 'connecting', attempt: 3 }, { type: 'dead' }).state.attempt).toBe(3)
  })

  it('jitter is drawn per retry and scales the delay into [1 - jitter, 1]', () => {
    const jittered = { ...ctx, reconnect: { ...reconnect, jitter: 0.5 }, random: () => 1 }
    expect(run({ status: 'connecting', attempt: 2 }, lost, jittered).state.retryAt).toBe(11_000)
    expect(run({ status: 'connecting', attempt: 2 }, lost).state.retryAt).toBe(12_000)
  })

  it('stops when maxAttempts are used up, not one before, and remembers why', () => {
    expect(run({ status: 'connecting', attempt: 2 }, lost).state.status).toBe('reconnecting')
    const exhausted = run({ status: 'connecting', attempt: 3 }, lost)
    expect(exhausted.state.status).toBe('closed')
    expect(exhausted.series).toBe('exhausted')
  })

  it('never reconnects when reconnection is off', () => {
    expect(run({ status: 'open' }, lost, { ...ctx, reconnect: null }).state.status).toBe('closed')
  })

  it('asks shouldReconnect with the close, and a throwing one falls back to the default', () => {
    const seen: number[] = []
    const policy = {
      ...ctx,
      reconnect: {
        ...reconnect,
        shouldReconnect: (c: { code: number }) => {
          seen.push(c.code)
          return c.code === 1008
        },
      },
    }
    const close = (code: number) => ({ type: 'close', code, reason: '', wasClean: true }) as const
    expect(run({ status: 'open' }, close(1008), policy).state.status).toBe('reconnecting')
    const refused = run({ status: 'open' }, close(1000), policy)
    expect(refused.state.status).toBe('closed')
    expect(refused.series).toBe('fresh')
    expect(seen).toEqual([1008, 1000])
    const throwing = {
      ...ctx,
      reconnect: {
        ...reconnect,
        shouldReconnect: () => {
          throw new Error('bug')
        },
      },
    }
    expect(run({ status: 'open' }, close(1011), throwing).state.status).toBe('reconnecting')
    expect(run({ status: 'open' }, close(1008), throwing).state.status).toBe('closed')
  })
})

describe('transition: a series that ran out of attempts starts again', () => {
  const exhausted: MachineContext = { ...ctx, series: 'exhausted' }

  it.each(['online', 'visible'] as const)('%s restarts it as a fresh series', (type) => {
    const result = run({ status: 'closed', attempt: 3 }, { type }, exhausted)
    expect(result.state).toMatchObject({ status: 'connecting', attempt: 1 })
    expect(result.series).toBe('fresh')
  })

  it('not while offline, and not a connection closed on purpose or by the server', () => {
    expect(
      run({ status: 'closed', online: false }, { type: 'visible' }, exhausted).state.status,
    ).toBe('closed')
    expect(run({ status: 'closed' }, { type: 'online' }).state.status).toBe('closed')
    // disconnect() after attempts ran out: the series is no longer an exhausted one.
    const byUser = run({ status: 'closed' }, disconnect, exhausted)
    expect(byUser.series).toBe('fresh')
  })
})

describe('transition: records', () => {
  it('a heartbeat timeout records a 1006 close at once and the error', () => {
    const { state: s } = run({ status: 'open', readyState: 1 }, { type: 'dead' })
    expect(s.lastClose).toEqual({
      code: 1006,
      reason: 'heartbeat timeout',
      wasClean: false,
      at: 10_000,
    })
    expect(s.error?.kind).toBe('heartbeat-timeout')
    expect(s.readyState).toBe(3)
  })

  it('a connect timeout records a 1006 close at once and the error', () => {
    const { state: s } = run({ status: 'connecting', readyState: 0 }, { type: 'timer' })
    expect(s.lastClose?.reason).toBe('connect timeout')
    expect(s.error?.kind).toBe('connect-timeout')
  })

  it('a URL failure counts as a failed attempt under the backoff, never a tight loop', () => {
    const { state: s } = run(
      { status: 'connecting', attempt: 2 },
      { type: 'failed', kind: 'url', message: 'nope' },
    )
    expect(s.error).toEqual({ kind: 'url', message: 'nope', at: 10_000 })
    expect(s.retryAt).toBe(12_000)
  })

  it('disconnect() while the URL resolves records the close the user asked for', () => {
    const { state: s } = run({ status: 'connecting', readyState: 3 }, { ...disconnect, code: 4000 })
    expect(s.lastClose).toMatchObject({ code: 4000, wasClean: true })
  })

  it('the close of a socket left closing in the background is recorded, nothing else', () => {
    const before = state({ status: 'connecting', readyState: 0, attempt: 1 })
    const after = transition(before, { ...lost, earlier: true }, ctx).state
    expect(after).toEqual({
      ...before,
      lastClose: { code: 1006, reason: '', wasClean: false, at: 10_000 },
    })
  })

  it('offline pauses a planned retry; online retries at once', () => {
    const paused = run({ status: 'reconnecting', retryAt: 12_000 }, { type: 'offline' }).state
    expect(paused).toMatchObject({ status: 'reconnecting', retryAt: null, online: false })
    const whileOffline = run({ status: 'open', online: false }, lost).state
    expect(whileOffline).toMatchObject({ status: 'reconnecting', retryAt: null })
    const back = run({ ...paused }, { type: 'online' }).state
    expect(back).toMatchObject({ status: 'connecting', online: true })
  })

  it('a set event records fields; an unchanged value keeps the same state object (no notify)', () => {
    const s = state({ queued: 2, dropped: 1 })
    expect(transition(s, { type: 'set', patch: { queued: 2, dropped: 1 } }, ctx).state).toBe(s)
    const next = transition(s, { type: 'set', patch: { queued: 3, latency: 5 } }, ctx).state
    expect(next).toMatchObject({ queued: 3, dropped: 1, latency: 5 })
  })

  it('ignored events return the very same state', () => {
    const s = state({ status: 'closed' })
    expect(transition(s, { type: 'open' }, ctx).state).toBe(s)
    expect(transition(s, { type: 'timer' }, ctx).state).toBe(s)
    expect(transition(s, { type: 'dead' }, ctx).state).toBe(s)
    const idle = state()
    expect(transition(idle, { type: 'visible' }, ctx).state).toBe(idle)
  })
})

describe('statusDeadline: the one timer each status owns', () => {
  const timing = { connectTimeout: 10_000, minUptime: 5_000 }
  it.each([
    ['connecting', null, 10_000 + 10_000],
    ['open', null, 10_000 + 5_000],
    ['reconnecting', 12_345, 12_345],
    ['reconnecting', null, null],
    ['idle', null, null],
    ['closing', null, null],
    ['closed', null, null],
  ] as const)('%s (retryAt %s) -> %s', (status, retryAt, due) => {
    expect(statusDeadline(state({ status, retryAt }), 10_000, timing)).toBe(due)
  })
})
