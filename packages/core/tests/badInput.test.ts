import { registerCleanup } from '@lifeline/test-utils'
import { startTestServer } from '@lifeline/testing/node'
import { describe, expect, it, vi } from 'vitest'
import { createLifeline } from '../src/index.js'
import { connect, until } from './harness.js'

const cleanup = registerCleanup()
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('bad input never throws, never spins', () => {
  it.each([
    ['not a url', 'is not a valid URL'],
    ['ftp://127.0.0.1/x', 'needs ws: or wss:'],
    ['', 'is not a valid URL'],
  ])('%j sets a url error and retries under backoff', async (url, message) => {
    const line = connect(url, { reconnect: { minDelay: 100, maxDelay: 100, jitter: 0 } }, cleanup)
    const failed = line.store.getState()
    expect(failed.error?.kind).toBe('url')
    expect(failed.error?.message).toContain(message)
    expect(failed.status).toBe('reconnecting')
    await wait(250)
    // 100 ms apart: about three attempts in 250 ms, not thousands.
    expect(line.store.getState().attempt).toBeLessThanOrEqual(4)
  })

  it('maps http: to ws: (a page origin works as a URL)', async () => {
    const s = await startTestServer()
    cleanup.push(() => s.close())
    const line = connect(s.url.replace('ws:', 'http:'), {}, cleanup)
    await until(line.store, (st) => st.status === 'open')
  })

  it('a URL function that throws or rejects sets a url error', async () => {
    const sync = connect(
      () => {
        throw new Error('no token')
      },
      {},
      cleanup,
    )
    expect(sync.store.getState().error?.message).toBe('the URL function failed: no token')
    const rejecting = connect(() => Promise.reject(new Error('401 from /token')), {}, cleanup)
    const failed = await until(rejecting.store, (st) => st.error !== null)
    expect(failed.error).toMatchObject({
      kind: 'url',
      message: 'the URL function failed: 401 from /token',
    })
    expect(failed.status).toBe('reconnecting')
  })

  it('no WebSocket implementation: a clear socket error, no throw', () => {
    vi.stubGlobal('WebSocket', undefined)
    cleanup.push(() => vi.unstubAllGlobals())
    const line = createLifeline('ws://127.0.0.1:1/', {
      reconnect: false,
      watchNetwork: false,
    })
    cleanup.push(() => line.destroy())
    const state = line.store.getState()
    expect(state.status).toBe('closed')
    expect(state.error?.message).toContain('pass options.WebSocket')
  })

  it('a frame that does not parse is delivered, recorded, and the link stays up', async () => {
    const s = await startTestServer()
    cleanup.push(() => s.close())
    const line = connect(s.url, {}, cleanup)
    const got: unknown[] = []
    line.onMessage((data, json) => got.push([data, json]))
    await until(line.store, (st) => st.status === 'open')
    line.send('{broken')
    const after = await until(line.store, (st) => st.error?.kind === 'parse')
    expect(after).toMatchObject({ status: 'open', lastMessage: '{broken', lastJson: undefined })
    expect(got).toEqual([['{broken', undefined]])
    line.send('{"ok":true}')
    await until(line.store, (st) => st.lastJson !== undefined)
  })

  it('an overflowing queue drops by policy, counts, and says so', async () => {
    const line = connect(
      'ws://127.0.0.1:9/',
      { autoConnect: false, queue: { maxSize: 2 } },
      cleanup,
    )
    expect([line.send('a'), line.send('b'), line.send('c')]).toEqual(['queued', 'queued', 'queued'])
    expect(line.store.getState()).toMatchObject({ queued: 2, dropped: 1 })
    expect(line.store.getState().error?.kind).toBe('queue-overflow')
    const strict = connect(
      'ws://127.0.0.1:9/',
      { autoConnect: false, queue: { maxSize: 1, overflow: 'error' } },
      cleanup,
    )
    expect([strict.send('a'), strict.send('b')]).toEqual(['queued', 'dropped'])
    expect(strict.store.getState()).toMatchObject({ queued: 1, dropped: 0 })
    const none = connect('ws://127.0.0.1:9/', { autoConnect: false, queue: false }, cleanup)
    expect(none.send('a')).toBe('dropped')
  })

  it('unsendable data and unstringifiable JSON set a send error and return dropped', () => {
    const line = connect('ws://127.0.0.1:9/', { autoConnect: false }, cleanup)
    expect(line.send({ not: 'data' } as never)).toBe('dropped')
    expect(line.store.getState().error?.kind).toBe('send')
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    expect(line.sendJson(cyclic)).toBe('dropped')
    expect(line.sendJson(undefined)).toBe('dropped')
    expect(line.store.getState().error?.message).toContain('no JSON form')
    expect(line.store.getState().queued).toBe(0)
  })

  it('a bad close code is reported and replaced by 1000', async () => {
    const s = await startTestServer()
    cleanup.push(() => s.close())
    const line = connect(s.url, {}, cleanup)
    await until(line.store, (st) => st.status === 'open')
    line.disconnect(1006, 'x'.repeat(200))
    expect(line.store.getState().error?.message).toContain('close code 1006 is not allowed')
    const closed = await until(line.store, (st) => st.status === 'closed')
    expect(closed.lastClose?.code).toBe(1000)
  })

  it('destroy() leaves nothing: no socket, no reconnect, methods are inert', async () => {
    const s = await startTestServer()
    cleanup.push(() => s.close())
    const line = connect(s.url, {}, cleanup)
    await until(line.store, (st) => st.status === 'open')
    line.destroy()
    expect(line.store.getState().status).toBe('closed')
    expect(line.socket()).toBeNull()
    expect(line.send('x')).toBe('dropped')
    line.connect()
    await wait(200)
    expect(line.store.getState().status).toBe('closed')
    expect(s.clients()).toHaveLength(0)
    expect(s.connections).toBe(1)
  })
})
