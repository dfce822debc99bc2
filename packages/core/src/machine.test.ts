import { describe, expect, it } from 'vitest'
import { defaultShouldReconnect, type ResolvedReconnect } from './defaults.js'
import { type Effect, type MachineContext, type MachineEvent, transition } from './machine.js'
import { initialState } from './state.js'
import type { ConnectionState, Status } from './types.js'

const reconnect: ResolvedReconnect = {
  maxAttempts: 3,
  minDelay: 1_000,
  maxDelay: 30_000,
  factor: 2,
  jitter: 0,
  minUptime: 5_000,
  shouldReconnect: defaultShouldReconnect,
}
const ctx: MachineContext = { now: 10_000, random: () => 0, reconnect }

function state(patch: Partial<ConnectionState> = {}): ConnectionState {
  return { ...initialState(true), ...patch }
}

function run(from: Partial<ConnectionState>, event: MachineEvent, context = ctx) {
  return transition(state(from), event, context)
}

const types = (effects: readonly Effect[]): string[] => effects.map((e) => e.type)

describe('transition: status table', () => {
  // [from status, readyState, event, to status, effect types]
  const table: Array<[Status, 0 | 1 | 2 | 3, MachineEvent, Status, string[]]> = [
    ['idle', 3, { type: 'connect' }, 'connecting', ['start-attempt']],
    ['closed', 3, { type: 'connect' }, 'connecting', ['start-attempt']],
    ['reconnecting', 3, { type: 'connect' }, 'connecting', ['start-attempt']],
    ['closing', 2, { type: 'connect' }, 'connecting', ['abandon-socket', 'start-attempt']],
    ['connecting', 0, { type: 'connect' }, 'connecting', []],
    ['open', 1, { type: 'connect' }, 'open', []],
    ['open', 1, { type: 'disconnect', code: 1000, reason: '' }, 'closing', ['close-socket']],
    ['connecting', 0, { type: 'disconnect', code: 1000, reason: '' }, 'closing', ['close-socket']],
    ['connecting', 3, { type: 'disconnect', code: 1000, reason: '' }, 'closed', ['abandon-socket']],
    ['reconnecting', 3, { type: 'disconnect', code: 1000, reason: '' }, 'closed', []],
    ['idle', 3, { type: 'disconnect', code: 1000, reason: '' }, 'closed', []],
    ['closing', 2, { type: 'disconnect', code: 1000, reason: '' }, 'closing', []],
    ['connecting', 0, { type: 'open' }, 'open', []],
    ['reconnecting', 3, { type: 'open' }, 'reconnecting', []],
    ['closing', 2, { type: 'close', code: 1000, reason: '', wasClean: true }, 'closed', []],
    ['open', 1, { type: 'close', code: 1006, reason: '', wasClean: false }, 'reconnecting', []],
    ['open', 1, { type: 'close', code: 1008, reason: 'policy', wasClean: true }, 'closed', []],
    ['open', 1, { type: 'close', code: 4401, reason: 'auth', wasClean: true }, 'closed', []],
    ['open', 1, { type: 'close', code: 1011, reason: '', wasClean: true }, 'reconnecting', []],
    ['closed', 3, { type: 'close', code: 1006, reason: '', wasClean: false }, 'closed', []],
    ['connecting', 0, { type: 'connect-timeout' }, 'reconnecting', ['abandon-socket']],
    ['open', 1, { type: 'connect-timeout' }, 'open', []],
    ['open', 1, { type: 'heartbeat-timeout' }, 'reconnecting', ['abandon-socket']],
    ['connecting', 0, { type: 'heartbeat-timeout' }, 'connecting', []],
    ['closing', 2, { type: 'close-timeout' }, 'closed', ['abandon-socket']],
    ['closed', 3, { type: 'close-timeout' }, 'closed', []],
    ['connecting', 3, { type: 'attempt-failed', kind: 'url', message: 'bad' }, 'reconnecting', []],
    ['open', 1, { type: 'attempt-failed', kind: 'url', message: 'bad' }, 'open', []],
    ['open', 1, { type: 'visible' }, 'open', ['check-link']],
    ['open', 1, { type: 'online' }, 'open', ['check-link']],
    ['reconnecting', 3, { type: 'online' }, 'connecting', ['start-attempt']],
    ['reconnecting', 3, { type: 'visible' }, 'connecting', ['start-attempt']],
    ['closed', 3, { type: 'visible' }, 'closed', []],
    ['open', 1, { type: 'destroy' }, 'closed', ['abandon-socket']],
    ['reconnecting', 3, { type: 'destroy' }, 'closed', []],
  ]

  it.each(table)('%s (readyState %i) + %o -> %s', (from, readyState, event, to, effects) => {
    const result = run({ status: from, readyState, attempt: 1, retryAt: null }, event)
    expect(result.state.status).toBe(to)
    expect(types(result.effects)).toEqual(effects)
  })
})

describe('transition: attempts and backoff', () => {
  it('a deliberate connect starts a fresh series at attempt 1', () => {
    expect(run({ status: 'closed', attempt: 3 }, { type: 'connect' }).state.attempt).toBe(1)
  })

  it('a retry counts one more attempt and clears retryAt', () => {
    const next = run({ status: 'reconnecting', attempt: 2, retryAt: 12_000 }, { type: 'retry-due' })
    expect(next.state).toMatchObject({ status: 'connecting', attempt: 3, retryAt: null })
  })

  it('a stale retry (no retryAt, e.g. paused offline) does nothing', () => {
    const next = run({ status: 'reconnecting', attempt: 2, retryAt: null }, { type: 'retry-due' })
    expect(next.state.status).toBe('reconnecting')
  })

  it('the first retry after a stable link and after a failed first attempt waits minDelay', () => {
    const lost = { type: 'close', code: 1006, reason: '', wasClean: false } as const
    expect(run({ status: 'open', attempt: 0 }, lost).state.retryAt).toBe(11_000)
    expect(run({ status: 'connecting', attempt: 1 }, lost).state.retryAt).toBe(11_000)
  })

  it('each further failure doubles the delay, jitter drawn per retry', () => {
    const lost = { type: 'close', code: 1006, reason: '', wasClean: false } as const
    const jittered = { ...ctx, reconnect: { ...reconnect, jitter: 0.5 }, random: () => 1 }
    expect(run({ status: 'connecting', attempt: 2 }, lost).state.retryAt).toBe(12_000)
    expect(run({ status: 'connecting', attempt: 2 }, lost, jittered).state.retryAt).toBe(11_000)
  })

  it('stops when maxAttempts are used up, not one before', () => {
    const lost = { type: 'close', code: 1006, reason: '', wasClean: false } as const
    expect(run({ status: 'connecting', attempt: 2 }, lost).state.status).toBe('reconnecting')
    expect(run({ status: 'connecting', attempt: 3 }, lost).state.status).toBe('closed')
  })

  it('never reconnects when reconnection is off', () => {
    const lost = { type: 'close', code: 1006, reason: '', wasClean: false } as const
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
    expect(run({ status: 'open' }, close(1000), policy).state.status).toBe('closed')
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

  it('a stable link resets the attempt counter', () => {
    expect(run({ status: 'open', attempt: 3 }, { type: 'stable' }).state.attempt).toBe(0)
    expect(run({ status: 'connecting', attempt: 3 }, { type: 'stable' }).state.attempt).toBe(3)
  })
})

describe('transition: records', () => {
  it('a heartbeat timeout records a 1006 close at once and the error', () => {
    const { state: s } = run({ status: 'open', readyState: 1 }, { type: 'heartbeat-timeout' })
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
    const { state: s } = run({ status: 'connecting', readyState: 0 }, { type: 'connect-timeout' })
    expect(s.lastClose?.reason).toBe('connect timeout')
    expect(s.error?.kind).toBe('connect-timeout')
  })

  it('a URL failure counts as a failed attempt under the backoff, never a tight loop', () => {
    const { state: s } = run(
      { status: 'connecting', attempt: 2 },
      { type: 'attempt-failed', kind: 'url', message: 'nope' },
    )
    expect(s.error).toEqual({ kind: 'url', message: 'nope', at: 10_000 })
    expect(s.retryAt).toBe(12_000)
  })

  it('a pong sets latency and lastSeenAt; an unrequested pong keeps the latency', () => {
    expect(run({}, { type: 'pong', latency: 12 }).state).toMatchObject({
      latency: 12,
      lastSeenAt: 10_000,
    })
    expect(run({ latency: 7 }, { type: 'pong', latency: null }).state.latency).toBe(7)
  })

  it('offline pauses a planned retry; online retries at once', () => {
    const paused = run({ status: 'reconnecting', retryAt: 12_000 }, { type: 'offline' }).state
    expect(paused).toMatchObject({ status: 'reconnecting', retryAt: null, online: false })
    const lost = { type: 'close', code: 1006, reason: '', wasClean: false } as const
    const whileOffline = run({ status: 'open', online: false }, lost).state
    expect(whileOffline).toMatchObject({ status: 'reconnecting', retryAt: null })
    const back = run({ ...paused }, { type: 'online' }).state
    expect(back).toMatchObject({ status: 'connecting', online: true })
  })

  it('an unchanged queue count keeps the same state object (no notify)', () => {
    const s = state({ queued: 2, dropped: 1 })
    expect(transition(s, { type: 'queue', queued: 2, dropped: 1 }, ctx).state).toBe(s)
    expect(transition(s, { type: 'queue', queued: 3, dropped: 1 }, ctx).state.queued).toBe(3)
  })

  it('ignored events return the very same state', () => {
    const s = state({ status: 'closed' })
    expect(transition(s, { type: 'open' }, ctx).state).toBe(s)
    expect(transition(s, { type: 'retry-due' }, ctx).state).toBe(s)
  })
})
