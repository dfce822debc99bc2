import { registerCleanup, testServer } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { connect, until } from './harness.js'

const cleanup = registerCleanup()
const FRAMES = 2_000

describe('a burst of frames from a real ws server', () => {
  it('onMessage sees every frame; store subscribers wake once per burst, in order, with the latest', async () => {
    const s = await testServer(cleanup)
    const line = connect<{ n: number }>(s.url, {}, cleanup)
    await until(line.store, (st) => st.status === 'open')
    const delivered: number[] = []
    line.onMessage((_, json) => {
      delivered.push(json?.n ?? -1)
      // Inside the listener the store already holds this very message.
      expect(line.store.getState().lastJson?.n).toBe(json?.n)
    })
    const woken: number[] = []
    line.store.subscribe((st) => woken.push(st.lastJson?.n ?? -1))
    const [peer] = s.clients()
    for (let n = 0; n < FRAMES; n++) peer?.send(JSON.stringify({ n }))
    await until(line.store, (st) => st.lastJson?.n === FRAMES - 1)
    expect(delivered).toEqual(Array.from({ length: FRAMES }, (_, n) => n))
    // Frames written in one go arrive in a few socket reads, each a single notification.
    expect(woken.length).toBeGreaterThan(0)
    expect(woken.length).toBeLessThan(FRAMES / 10)
    expect(woken).toEqual([...woken].sort((a, b) => a - b))
    expect(woken.at(-1)).toBe(FRAMES - 1)
    expect(line.store.getState().lastSeenAt).toBeTypeOf('number')
  })
})
