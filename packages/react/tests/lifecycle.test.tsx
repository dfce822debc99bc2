import { createManualTimers, testServer } from '@lifeline/test-utils'
import { act, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { useWebSocket, type WebSocketResult } from '../src/index.js'
import { cleanupAfterEach, fast, scope, sleep } from './harness.js'

const cleanup = cleanupAfterEach()

describe('url, callbacks and identity', () => {
  it('a new url closes the old connection and opens a new one; null means no connection', async () => {
    const s = await testServer(cleanup)
    const { wrapper } = scope()
    let setUrl: (url: string | null) => void = () => {}
    function Switcher() {
      const [url, set] = useState<string | null>(`${s.url}/a`)
      setUrl = set
      const { status } = useWebSocket(url, fast)
      return <p>status: {status}</p>
    }
    render(<Switcher />, { wrapper })
    await screen.findByText('status: open')
    act(() => setUrl(`${s.url}/b`))
    await waitFor(() => expect(s.connections).toBe(2))
    await screen.findByText('status: open')
    await waitFor(() => expect(s.clients()).toHaveLength(1))
    act(() => setUrl(null))
    await screen.findByText('status: idle')
    await waitFor(() => expect(s.clients()).toHaveLength(0))
    await sleep(100)
    expect(s.connections).toBe(2)
  })

  it('the latest callbacks are called, without reconnecting; functions keep their identity', async () => {
    const s = await testServer(cleanup)
    const { wrapper } = scope()
    const seen: string[] = []
    const results: WebSocketResult[] = []
    let bump: () => void = () => {}
    function Listener() {
      const [n, setN] = useState(1)
      bump = () => setN((x) => x + 1)
      const ws = useWebSocket(s.url, {
        ...fast,
        parse: false,
        onMessage: (data) => seen.push(`v${n}:${String(data)}`),
        onOpen: () => seen.push(`open v${n}`),
      })
      results.push(ws)
      return <p>status: {ws.status}</p>
    }
    render(<Listener />, { wrapper })
    await screen.findByText('status: open')
    act(() => void results.at(-1)?.send('one'))
    await waitFor(() => expect(seen).toContain('v1:one'))
    act(() => bump())
    act(() => void results.at(-1)?.send('two'))
    await waitFor(() => expect(seen).toContain('v2:two'))
    expect(seen).toEqual(['open v1', 'v1:one', 'v2:two'])
    expect(s.connections).toBe(1)
    const [first, last] = [results[0], results.at(-1)]
    for (const fn of ['send', 'sendJson', 'connect', 'disconnect', 'getWebSocket'] as const) {
      expect(last?.[fn]).toBe(first?.[fn])
    }
  })

  it('onClose and onError report what core records', async () => {
    const s = await testServer(cleanup)
    const { wrapper } = scope()
    const closes: number[] = []
    const errors: string[] = []
    function Watcher() {
      const { status } = useWebSocket(s.url, {
        ...fast,
        onClose: (c) => closes.push(c.code),
        onError: (e) => errors.push(e.kind),
      })
      return <p>status: {status}</p>
    }
    render(<Watcher />, { wrapper })
    await screen.findByText('status: open')
    s.closeAll(4000, 'bye')
    await waitFor(() => expect(closes).toContain(4000))
    for (const c of s.clients()) c.send('{bad json')
    await waitFor(() => expect(s.clients()).toHaveLength(1))
    for (const c of s.clients()) c.send('{bad json')
    await waitFor(() => expect(errors).toContain('parse'))
  })

  it('unmount leaves no timer behind', async () => {
    const s = await testServer(cleanup)
    const timers = createManualTimers(Date.now())
    const { wrapper } = scope()
    function Beating() {
      const { status } = useWebSocket(s.url, {
        ...fast,
        timers,
        heartbeat: { interval: 1_000, timeout: 1_000 },
      })
      return <p>status: {status}</p>
    }
    const view = render(<Beating />, { wrapper })
    await screen.findByText('status: open')
    expect(timers.pending()).toBeGreaterThan(0)
    act(() => view.unmount())
    await waitFor(() => expect(timers.pending()).toBe(0))
    await waitFor(() => expect(s.clients()).toHaveLength(0))
  })

  it('a send while down is delivered after reconnect, though the sender unmounted meanwhile', async () => {
    const s = await testServer(cleanup)
    const { wrapper } = scope()
    let sender: WebSocketResult | null = null
    function Sender() {
      sender = useWebSocket(s.url, { ...fast, share: 'chat' })
      return <p>sender: {sender.status}</p>
    }
    function Keeper() {
      const { status } = useWebSocket(s.url, { ...fast, share: 'chat' })
      return <p>keeper: {status}</p>
    }
    function App() {
      const [showSender, setShowSender] = useState(true)
      return (
        <>
          <button type="button" onClick={() => setShowSender(false)}>
            hide
          </button>
          {showSender && <Sender />}
          <Keeper />
        </>
      )
    }
    render(<App />, { wrapper })
    await screen.findByText('keeper: open')
    await s.goAway()
    await screen.findByText('keeper: reconnecting')
    expect((sender as WebSocketResult | null)?.send('while down')).toBe('queued')
    act(() => screen.getByText('hide').click())
    await s.comeBack()
    await screen.findByText('keeper: open')
    const got = await s.waitForMessages(1)
    expect(got).toEqual(['while down'])
  })
})
