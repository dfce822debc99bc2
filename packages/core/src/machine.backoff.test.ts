import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ctx, reconnect, state } from '../tests/machineFixtures.js'
import type { ResolvedReconnect } from './defaults.js'
import { type MachineContext, type Series, type Transition, transition } from './machine.js'
import type { ConnectionState } from './types.js'

const lost = { type: 'close', code: 1006, reason: '', wasClean: false } as const

describe('transition: the backoff across a series of losses', () => {
  /**
   * Walks a series through the machine: `losses` failures in a row, each followed by the retry
   * timer. Returns the delay before each retry (retryAt − now).
   */
  function walk(start: ConnectionState, series: Series, losses: number, policy: ResolvedReconnect) {
    const delays: number[] = []
    let s = start
    let current = series
    const context = (): MachineContext => ({ ...ctx, reconnect: policy, series: current })
    for (let i = 0; i < losses; i++) {
      const failed = transition(s, lost, context())
      s = failed.state
      current = failed.series
      if (s.status !== 'reconnecting' || s.retryAt === null) break
      delays.push(s.retryAt - ctx.now)
      const retried = transition(s, { type: 'timer' }, context())
      s = transition(retried.state, { type: 'socket' }, context()).state
      current = retried.series
    }
    return delays
  }

  const doubling = { ...reconnect, maxAttempts: Infinity, minDelay: 100, maxDelay: 400 }

  it('after a stable link drops, retries wait minDelay·factor^(n-1): 100, 200, 400, 400', () => {
    // A link that stayed open past minUptime: attempt 0, series 'lost'.
    const open = state({ status: 'open', readyState: 1, attempt: 0 })
    expect(walk(open, 'lost', 4, doubling)).toEqual([100, 200, 400, 400])
  })

  it('after a first attempt that fails, retries wait 100, 200, 400, 400 too', () => {
    const first = state({ status: 'connecting', readyState: 0, attempt: 1 })
    expect(walk(first, 'fresh', 4, doubling)).toEqual([100, 200, 400, 400])
  })

  it('a link that drops before minUptime keeps growing the delay (no reset by a flapping server)', () => {
    let s = state({ status: 'open', readyState: 1, attempt: 0 })
    let series: Series = 'lost'
    const delays: number[] = []
    for (let i = 0; i < 4; i++) {
      const dropped: Transition<unknown> = transition(s, lost, {
        ...ctx,
        reconnect: doubling,
        series,
      })
      delays.push((dropped.state.retryAt ?? 0) - ctx.now)
      series = dropped.series
      // The retry connects and opens, but the server drops it again at once.
      const retried = transition(dropped.state, { type: 'timer' }, { ...ctx, series })
      s = transition(retried.state, { type: 'open' }, { ...ctx, series }).state
    }
    expect(delays).toEqual([100, 200, 400, 400])
  })

  it('gives the same delays for every factor and minDelay (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 8 }),
        (minDelay, factor, losses) => {
          const policy = { ...reconnect, maxAttempts: Infinity, minDelay, factor, maxDelay: 1e9 }
          const expected = Array.from({ length: losses }, (_, n) => minDelay * factor ** n)
          const open = state({ status: 'open', readyState: 1, attempt: 0 })
          expect(walk(open, 'lost', losses, policy)).toEqual(expected)
          const first = state({ status: 'connecting', readyState: 0, attempt: 1 })
          expect(walk(first, 'fresh', losses, policy)).toEqual(expected)
        },
      ),
    )
  })

  it('maxDelay caps every delay, also one below the default minDelay', () => {
    const capped = { ...reconnect, maxAttempts: Infinity, minDelay: 1_000, maxDelay: 200 }
    const open = state({ status: 'open', readyState: 1, attempt: 0 })
    expect(walk(open, 'lost', 3, capped)).toEqual([200, 200, 200])
  })
})
