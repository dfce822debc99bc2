import { registerCleanup, testServer } from '@lifeline/test-utils'
import { startTestServer } from '@lifeline/testing/node'
import { describe, expect, it } from 'vitest'
import { connect, until } from './harness.js'

const cleanup = registerCleanup()

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('reconnection against a real ws server', () => {
  it('comes back after the server is killed and restarted, with backoff in between', async () => {
    const s = await testServer(cleanup)
    const line = connect(s.url, {}, cleanup)
    await until(line.store, (st) => st.status === 'open')
    await s.goAway()
    const waiting = await until(line.store, (st) => st.status === 'reconnecting')
    expect(waiting.lastClose).toMatchObject({ code: 1006, wasClean: false })
    expect(waiting.retryAt).toBeGreaterThan(Date.now() - 10)
    await wait(300)
    // Refused attempts grow the attempt counter; each one waited its delay (no tight loop).
    const attemptsWhileDown = line.store.getState().attempt
    expect(attemptsWhileDown).toBeGreaterThanOrEqual(2)
    expect(attemptsWhileDown).toBeLessThanOrEqual(6)
    await s.comeBack()
    await until(line.store, (st) => st.status === 'open')
    // minUptime (100 ms here) resets the counter once the link holds.
    await until(line.store, (st) => st.attempt === 0)
  })

  it.each([
    [1000, 'reconnecting'],
    [1011, 'reconnecting'],
    [4000, 'reconnecting'],
    [1008, 'closed'],
    [4401, 'closed'],
  ] as const)('server close %i → %s', async (code, expected) => {
    const s = await testServer(cleanup)
    const line = connect(s.url, {}, cleanup)
    await until(line.store, (st) => st.status === 'open')
    s.closeAll(code, 'by server')
    const after = await until(line.store, (st) => st.status === expected)
    expect(after.lastClose).toMatchObject({ code, reason: 'by server', wasClean: true })
    await wait(200)
    expect(s.connections).toBe(expected === 'closed' ? 1 : 2)
  })

  it('a killed link (1006) reconnects', async () => {
    const s = await testServer(cleanup)
    const line = connect(s.url, {}, cleanup)
    await until(line.store, (st) => st.status === 'open')
    for (const client of s.clients()) client.terminate()
    await until(line.store, (st) => st.lastClose?.code === 1006)
    await until(line.store, (st) => st.status === 'open')
    expect(s.connections).toBe(2)
  })

  it('never reconnects after disconnect(), even when the server restarts', async () => {
    const s = await testServer(cleanup)
    const line = connect(s.url, {}, cleanup)
    await until(line.store, (st) => st.status === 'open')
    line.disconnect()
    await until(line.store, (st) => st.status === 'closed')
    await s.goAway()
    await s.comeBack()
    await wait(400)
    expect(line.store.getState()).toMatchObject({ status: 'closed', retryAt: null })
    expect(s.connections).toBe(1)
    line.connect()
    await until(line.store, (st) => st.status === 'open')
    expect(line.store.getState().attempt).toBe(1)
  })

  it('gives up after maxAttempts and says closed', async () => {
    const s = await testServer(cleanup)
    await s.goAway()
    const line = connect(s.url, { reconnect: { maxAttempts: 3, minDelay: 20, jitter: 0 } }, cleanup)
    const closed = await until(line.store, (st) => st.status === 'closed')
    expect(closed.attempt).toBe(3)
    expect(closed.error?.kind).toBe('socket')
    await wait(200)
    expect(line.store.getState().attempt).toBe(3)
  })

  it('reconnect: false closes for good on the first loss', async () => {
    const s = await testServer(cleanup)
    const line = connect(s.url, { reconnect: false }, cleanup)
    await until(line.store, (st) => st.status === 'open')
    await s.goAway()
    await until(line.store, (st) => st.status === 'closed')
    await s.comeBack()
    await wait(200)
    expect(s.connections).toBe(1)
  })

  it('connect() during a pending backoff retries at once', async () => {
    const s = await testServer(cleanup)
    const line = connect(s.url, { reconnect: { minDelay: 10_000, jitter: 0 } }, cleanup)
    await until(line.store, (st) => st.status === 'open')
    await s.goAway()
    const waiting = await until(line.store, (st) => st.status === 'reconnecting')
    expect(waiting.retryAt ?? 0).toBeGreaterThan(Date.now() + 5_000)
    await s.comeBack()
    const t0 = Date.now()
    line.connect()
    await until(line.store, (st) => st.status === 'open')
    expect(Date.now() - t0).toBeLessThan(1_000)
  })

  it('disconnect() against a peer that never answers the close ends in closed within ~1 s', async () => {
    // The server stops reading: its close frame never comes back, and no close event fires.
    const s = await startTestServer({
      onConnection: (socket) => {
        const raw = (socket as unknown as { _socket: { pause(): void } })._socket
        socket.once('message', () => raw.pause())
      },
    })
    cleanup.push(() => s.close())
    const line = connect(s.url, {}, cleanup)
    await until(line.store, (st) => st.status === 'open')
    line.send('freeze')
    await wait(50)
    const t0 = Date.now()
    line.disconnect()
    const closed = await until(line.store, (st) => st.status === 'closed', 3_000)
    const took = Date.now() - t0
    expect(took).toBeGreaterThanOrEqual(950)
    expect(took).toBeLessThan(2_500)
    expect(closed.lastClose).toMatchObject({ code: 1006, reason: 'close timeout', wasClean: false })
    expect(line.socket()).toBeNull()
  })
})
