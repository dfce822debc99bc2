import { registerCleanup, testServer } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { connect, until } from './harness.js'

const cleanup = registerCleanup()

describe('open, send, receive against a real ws server', () => {
  it('opens, sends, receives text and JSON, and closes on purpose', async () => {
    const s = await testServer(cleanup)
    const line = connect<{ n: number }>(s.url, {}, cleanup)
    const seen: unknown[] = []
    line.onMessage((data, json) => seen.push([data, json]))
    await until(line.store, (st) => st.status === 'open')
    expect(line.store.getState()).toMatchObject({ readyState: 1, attempt: 1 })
    expect(line.send('{"n":1}')).toBe('sent')
    expect(line.sendJson({ n: 2 })).toBe('sent')
    await until(line.store, (st) => st.lastJson?.n === 2)
    expect(seen).toEqual([
      ['{"n":1}', { n: 1 }],
      ['{"n":2}', { n: 2 }],
    ])
    expect(line.store.getState().lastSeenAt).toBeTypeOf('number')
    line.disconnect(4000, 'done')
    expect(line.store.getState().status).toBe('closing')
    const closed = await until(line.store, (st) => st.status === 'closed')
    expect(closed.lastClose).toMatchObject({ code: 4000, reason: 'done', wasClean: true })
    await new Promise((r) => setTimeout(r, 150))
    expect(s.connections).toBe(1)
  })

  it('passes sub-protocols and binaryType, and delivers binary frames', async () => {
    const s = await testServer(cleanup)
    const line = connect(s.url, { protocols: ['chat.v2'], binaryType: 'arraybuffer' }, cleanup)
    await until(line.store, (st) => st.status === 'open')
    expect(s.protocols).toEqual(['chat.v2'])
    expect(line.send(new Uint8Array([1, 2, 3]))).toBe('sent')
    const state = await until(line.store, (st) => st.lastMessage instanceof ArrayBuffer)
    expect([...new Uint8Array(state.lastMessage as ArrayBuffer)]).toEqual([1, 2, 3])
    expect(state.lastJson).toBeUndefined()
  })

  it('autoConnect false stays idle until connect()', async () => {
    const s = await testServer(cleanup)
    const line = connect(s.url, { autoConnect: false }, cleanup)
    await new Promise((r) => setTimeout(r, 100))
    expect(line.store.getState().status).toBe('idle')
    expect(s.connections).toBe(0)
    expect(line.send('early')).toBe('queued')
    line.connect()
    await s.waitForMessages(1)
    expect(s.received.map((m) => m.data)).toEqual(['early'])
  })

  it('calls a URL function before every attempt, sync and async', async () => {
    const s = await testServer(cleanup)
    const urls: string[] = []
    let n = 0
    const line = connect(
      async () => {
        n++
        const url = `${s.url}/?token=t${n}`
        urls.push(url)
        return url
      },
      {},
      cleanup,
    )
    await until(line.store, (st) => st.status === 'open')
    await s.goAway()
    await s.comeBack()
    await until(line.store, (st) => st.status === 'open' && n >= 2)
    expect(urls[0]).toContain('token=t1')
    expect(urls.at(-1)).toContain(`token=t${n}`)
  })

  it('queue order is kept across a reconnect: queued first, then what is sent after open', async () => {
    const s = await testServer(cleanup)
    const line = connect(s.url, { reconnect: { minDelay: 200, jitter: 0 } }, cleanup)
    await until(line.store, (st) => st.status === 'open')
    await s.goAway()
    await until(line.store, (st) => st.status === 'reconnecting')
    for (const n of [1, 2, 3]) expect(line.send(`q${n}`)).toBe('queued')
    expect(line.store.getState().queued).toBe(3)
    // A subscriber that sends the moment the link opens must not overtake the queue.
    const off = line.store.subscribe((st, prev) => {
      if (st.status === 'open' && prev.status !== 'open') line.send('after-open')
    })
    cleanup.push(off)
    await s.comeBack()
    const got = await s.waitForMessages(4)
    expect(got).toEqual(['q1', 'q2', 'q3', 'after-open'])
    expect(line.store.getState().queued).toBe(0)
  })

  it('onMessage unsubscribes, and a throwing listener does not stop the others', async () => {
    const s = await testServer(cleanup)
    const line = connect(s.url, { parse: false }, cleanup)
    const a: unknown[] = []
    const b: unknown[] = []
    const off = line.onMessage((d) => a.push(d))
    line.onMessage(() => {
      throw new Error('listener bug')
    })
    line.onMessage((d) => b.push(d))
    const errors: unknown[] = []
    const onUncaught = (e: unknown) => errors.push(e)
    process.on('uncaughtException', onUncaught)
    cleanup.push(() => process.off('uncaughtException', onUncaught))
    await until(line.store, (st) => st.status === 'open')
    line.send('one')
    await until(line.store, (st) => st.lastMessage === 'one')
    off()
    line.send('two')
    await until(line.store, (st) => st.lastMessage === 'two')
    expect(a).toEqual(['one'])
    expect(b).toEqual(['one', 'two'])
  })

  it('parse: a custom parser fills lastJson; false leaves it undefined and records no error', async () => {
    const s = await testServer(cleanup)
    const upper = connect<string>(s.url, { parse: (text) => text.toUpperCase() }, cleanup)
    const plain = connect(s.url, { parse: false }, cleanup)
    await until(upper.store, (st) => st.status === 'open')
    await until(plain.store, (st) => st.status === 'open')
    upper.send('shout')
    plain.send('not json')
    await until(upper.store, (st) => st.lastJson === 'SHOUT')
    const after = await until(plain.store, (st) => st.lastMessage === 'not json')
    expect(after.lastJson).toBeUndefined()
    expect(after.error).toBeNull()
  })
})
