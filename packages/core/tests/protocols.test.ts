import { registerCleanup, testServer } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { connect, until } from './harness.js'

const cleanup = registerCleanup()

describe('protocols: fresh on every attempt', () => {
  it('calls a protocols function before every attempt (a token carried as a sub-protocol)', async () => {
    const s = await testServer(cleanup, { verifyClient: () => true })
    let n = 0
    const line = connect(s.url, { protocols: () => ['chat.v2', `token.t${++n}`] }, cleanup)
    await until(line.store, (st) => st.status === 'open')
    for (const client of s.clients()) client.terminate()
    await until(line.store, (st) => st.status === 'reconnecting')
    await until(line.store, (st) => st.status === 'open')
    expect(s.protocols).toEqual(['chat.v2,token.t1', 'chat.v2,token.t2'])
  })

  it('takes an async function, and a single string', async () => {
    const s = await testServer(cleanup)
    const asyncLine = connect(s.url, { protocols: async () => 'chat.v3' }, cleanup)
    await until(asyncLine.store, (st) => st.status === 'open')
    const plain = connect(s.url, { protocols: 'chat.v1' }, cleanup)
    await until(plain.store, (st) => st.status === 'open')
    expect(s.protocols).toEqual(['chat.v3', 'chat.v1'])
  })

  it('a protocols function that throws or rejects is a url error under the backoff', async () => {
    const s = await testServer(cleanup)
    let calls = 0
    const line = connect(
      s.url,
      {
        protocols: () => {
          calls++
          return Promise.reject(new Error('token endpoint down'))
        },
        reconnect: { minDelay: 100, maxDelay: 100, jitter: 0 },
      },
      cleanup,
    )
    const failed = await until(line.store, (st) => st.error !== null)
    expect(failed.error).toMatchObject({
      kind: 'url',
      message: 'the protocols function failed: token endpoint down',
    })
    expect(failed.status).toBe('reconnecting')
    await new Promise((r) => setTimeout(r, 250))
    // 100 ms apart: a few attempts, never a tight loop, and no socket opened.
    expect(calls).toBeGreaterThanOrEqual(2)
    expect(calls).toBeLessThanOrEqual(4)
    expect(s.connections).toBe(0)
  })
})
