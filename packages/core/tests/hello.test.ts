import { registerCleanup, testServer } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { connect, until } from './harness.js'

const cleanup = registerCleanup()

describe('hello: what every new socket needs goes out first', () => {
  it('goes out on every open, before the queue and before anything sent on open', async () => {
    const s = await testServer(cleanup, { echo: false })
    let opens = 0
    const line = connect(
      s.url,
      {
        hello: () => {
          opens++
          return [JSON.stringify({ event: 'join', room: 'lobby', n: opens }), 'auth:t']
        },
      },
      cleanup,
    )
    await until(line.store, (st) => st.status === 'open')
    await s.waitForMessages(2)
    await s.goAway()
    await until(line.store, (st) => st.status === 'reconnecting')
    expect(line.send('offline line')).toBe('queued')
    const off = line.store.subscribe((st, prev) => {
      if (st.status === 'open' && prev.status !== 'open') line.send('after open')
    })
    cleanup.push(off)
    await s.comeBack()
    const got = await s.waitForMessages(6)
    expect(got).toEqual([
      '{"event":"join","room":"lobby","n":1}',
      'auth:t',
      '{"event":"join","room":"lobby","n":2}',
      'auth:t',
      'offline line',
      'after open',
    ])
    // The hello frames are not the user's messages: the queue never counted them.
    expect(line.store.getState()).toMatchObject({ queued: 0, dropped: 0 })
  })

  it('one frame, or nothing: undefined sends nothing', async () => {
    const s = await testServer(cleanup, { echo: false })
    let first = true
    const line = connect(
      s.url,
      {
        hello: () => {
          const frame = first ? 'hi' : undefined
          first = false
          return frame
        },
      },
      cleanup,
    )
    await until(line.store, (st) => st.status === 'open')
    line.send('m1')
    await s.waitForMessages(2)
    for (const client of s.clients()) client.terminate()
    await until(line.store, (st) => st.status === 'reconnecting')
    await until(line.store, (st) => st.status === 'open')
    line.send('m2')
    expect(await s.waitForMessages(3)).toEqual(['hi', 'm1', 'm2'])
  })

  it('a hello that throws sets a send error and the link stays up, the queue still goes out', async () => {
    const s = await testServer(cleanup, { echo: false })
    const line = connect(
      s.url,
      {
        autoConnect: false,
        hello: () => {
          throw new Error('no session token yet')
        },
      },
      cleanup,
    )
    line.send('queued before open')
    line.connect()
    const open = await until(line.store, (st) => st.status === 'open')
    expect(open.error).toMatchObject({
      kind: 'send',
      message: 'hello failed: no session token yet',
    })
    expect(await s.waitForMessages(1)).toEqual(['queued before open'])
  })

  it('a hello that returns something unsendable sets a send error, nothing is sent', async () => {
    const s = await testServer(cleanup, { echo: false })
    const line = connect(s.url, { hello: () => ({ join: 'lobby' }) as never }, cleanup)
    const open = await until(line.store, (st) => st.status === 'open')
    expect(open.error?.kind).toBe('send')
    expect(open.error?.message).toContain('not sendable')
    line.send('after')
    expect(await s.waitForMessages(1)).toEqual(['after'])
  })
})
