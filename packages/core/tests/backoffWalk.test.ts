import { registerCleanup, testServer } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import type { LifelineEvent } from '../src/index.js'
import { connect, until } from './harness.js'

const cleanup = registerCleanup()

/** The gaps between attempts and the delays that `retryAt` announced, from the event stream. */
function record(line: { onEvent(fn: (event: LifelineEvent) => void): () => void }) {
  const starts: number[] = []
  const planned: number[] = []
  line.onEvent((event) => {
    if (event.type === 'connecting') starts.push(Date.now())
    if (event.type === 'retry') planned.push(event.retryAt - event.at)
  })
  const gaps = () => starts.slice(1).map((at, i) => at - (starts[i] as number))
  return { starts, planned, gaps }
}

// API.md: the delay before retry n is min(maxDelay, minDelay·factor^(n-1)).
const reconnect = { minDelay: 100, factor: 2, maxDelay: 400, jitter: 0, minUptime: 100 }
const EXPECTED = [100, 200, 400, 400]

describe('the backoff across several losses, against a real ws server', () => {
  it('after a link that stayed open past minUptime drops: 100, 200, 400, 400 ms', async () => {
    const s = await testServer(cleanup)
    const line = connect(s.url, { reconnect }, cleanup)
    await until(line.store, (st) => st.status === 'open')
    // The link holds past minUptime: the attempt counter resets.
    await until(line.store, (st) => st.attempt === 0)
    const seen = record(line)
    await s.goAway()
    // The first retry plus three more refused attempts.
    await until(line.store, (st) => st.attempt >= 4 && st.status === 'reconnecting', 4_000)
    expect(seen.planned.slice(0, 4)).toEqual(EXPECTED)
    const gaps = seen.gaps().slice(0, 3)
    EXPECTED.slice(1).forEach((delay, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(delay - 5)
      expect(gaps[i]).toBeLessThan(delay + 150)
    })
  })

  it('after a first attempt that fails: the same 100, 200, 400, 400 ms', async () => {
    const s = await testServer(cleanup)
    await s.goAway()
    const line = connect(s.url, { reconnect, autoConnect: false }, cleanup)
    const seen = record(line)
    line.connect()
    await until(line.store, (st) => st.attempt >= 5, 4_000)
    expect(seen.planned.slice(0, 4)).toEqual(EXPECTED)
    const gaps = seen.gaps().slice(0, 4)
    EXPECTED.forEach((delay, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(delay - 5)
      expect(gaps[i]).toBeLessThan(delay + 150)
    })
  })

  it('maxDelay below the default minDelay caps every delay', async () => {
    const s = await testServer(cleanup)
    await s.goAway()
    const line = connect(
      s.url,
      { reconnect: { maxDelay: 200, jitter: 0 }, autoConnect: false },
      cleanup,
    )
    const seen = record(line)
    line.connect()
    await until(line.store, (st) => st.attempt >= 3, 2_000)
    expect(seen.planned.slice(0, 2)).toEqual([200, 200])
    const state = line.store.getState()
    expect((state.retryAt ?? Date.now()) - Date.now()).toBeLessThanOrEqual(200)
  })
})
