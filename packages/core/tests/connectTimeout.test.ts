import { registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { startBlackHole } from '@lifeline/testing/node'
import { describe, expect, it } from 'vitest'
import { connect, until } from './harness.js'

const cleanup = registerCleanup()

describe('connect timeout against a TCP server that never answers the upgrade', () => {
  it('aborts the attempt at connectTimeout, records it, and retries under backoff', async () => {
    const hole = await startBlackHole()
    cleanup.push(() => hole.close())
    const line = connect(
      hole.url,
      { connectTimeout: 300, reconnect: { minDelay: 100, maxDelay: 100, jitter: 0 } },
      cleanup,
    )
    const t0 = Date.now()
    const failed = await until(line.store, (st) => st.status === 'reconnecting', 2_000)
    const took = Date.now() - t0
    expect(took).toBeGreaterThanOrEqual(290)
    expect(took).toBeLessThan(1_000)
    expect(failed.error?.kind).toBe('connect-timeout')
    expect(failed.lastClose).toMatchObject({
      code: 1006,
      reason: 'connect timeout',
      wasClean: false,
    })
    expect(line.socket()).toBeNull()
    await until(line.store, (st) => st.attempt >= 2 && st.status === 'connecting', 2_000)
    await waitFor(() => hole.connections >= 2, {
      message: 'second attempt never reached the server',
    })
  })

  it('a URL function that never settles is covered by the same timeout', async () => {
    const line = connect(() => new Promise<string>(() => {}), { connectTimeout: 200 }, cleanup)
    const failed = await until(line.store, (st) => st.error !== null, 2_000)
    expect(failed.error?.kind).toBe('connect-timeout')
    expect(failed.status).toBe('reconnecting')
  })
})
