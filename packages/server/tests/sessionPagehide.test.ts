import { registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { until } from '../../core/tests/harness.js'
import { sessionClient, startSessionServer } from './sessionHarness.js'

const cleanup = registerCleanup()

// The page's global event target, as a browser's `window` is; Node's `globalThis` has none (and
// there the session simply never hears of a page).
const window = new EventTarget()
/** The pagehide listeners the page holds now. */
const listening = new Set<EventListener>()
beforeEach(() => {
  listening.clear()
  vi.stubGlobal('addEventListener', (type: string, listener: EventListener) => {
    if (type === 'pagehide') listening.add(listener)
    window.addEventListener(type, listener)
  })
  vi.stubGlobal('removeEventListener', (type: string, listener: EventListener) => {
    if (type === 'pagehide') listening.delete(listener)
    window.removeEventListener(type, listener)
  })
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('sessions: a page that goes away', () => {
  it('ends its session at the server on pagehide, so nobody waits a whole ttl for it', async () => {
    const server = await startSessionServer(cleanup, { ttl: 60_000 })
    const { line } = sessionClient(server.url, cleanup)
    await until(line.store, (st) => st.status === 'open' && st.session?.id != null)
    const [s] = server.made
    let ended = false
    s?.onEnd(() => {
      ended = true
    })
    expect(server.sessions.stats()).toMatchObject({ live: 1, connected: 1 })

    window.dispatchEvent(new Event('pagehide'))
    await waitFor(() => ended, { message: 'the session did not end on pagehide' })
    expect(server.sessions.stats()).toMatchObject({ live: 0 })
  })

  it('keeps the session of a link that merely dropped, and stops listening once closed', async () => {
    const server = await startSessionServer(cleanup, { ttl: 60_000 })
    const { line } = sessionClient(server.url, cleanup, { reconnect: false })
    await until(line.store, (st) => st.status === 'open')
    expect(listening.size).toBe(1)
    for (const client of server.wss.clients) client.terminate()
    await until(line.store, (st) => st.status === 'closed')
    expect(listening.size).toBe(0)
    // The socket is gone: a pagehide now has nothing to tell, and throws nothing.
    window.dispatchEvent(new Event('pagehide'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(server.sessions.stats()).toMatchObject({ live: 1, connected: 0 })
  })
})
