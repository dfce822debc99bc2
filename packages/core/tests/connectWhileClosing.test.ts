import { registerCleanup, testServer } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import type { CloseInfo } from '../src/index.js'
import { connect, until } from './harness.js'

const cleanup = registerCleanup()

describe('connect() while closing', () => {
  it('lets the close handshake finish in the background, records it, and opens a new socket at once', async () => {
    const s = await testServer(cleanup)
    const serverCloses: number[] = []
    s.wss.on('connection', (socket) => socket.on('close', (code) => serverCloses.push(code)))
    const line = connect(s.url, {}, cleanup)
    const closes: CloseInfo[] = []
    line.onEvent((event) => {
      if (event.type === 'close') closes.push(event.close)
    })
    await until(line.store, (st) => st.status === 'open')
    const first = line.socket()
    line.disconnect(4000, 'switching rooms')
    expect(line.store.getState().status).toBe('closing')
    line.connect()
    expect(line.store.getState()).toMatchObject({ status: 'connecting', attempt: 1 })
    const open = await until(line.store, (st) => st.status === 'open')
    expect(line.socket()).not.toBe(first)
    // The old socket's close arrives in the background and lands in lastClose.
    await until(line.store, (st) => st.lastClose?.code === 4000)
    expect(closes).toEqual([
      expect.objectContaining({ code: 4000, reason: 'switching rooms', wasClean: true }),
    ])
    expect(open.status).toBe('open')
    expect(line.store.getState().status).toBe('open')
    // The server saw a proper close handshake with the code, not a cut TCP link (1006).
    await waitFor(() => serverCloses.length > 0, { message: 'the server never saw the close' })
    expect(serverCloses).toEqual([4000])
    expect(s.clients()).toHaveLength(1)
  })
})
