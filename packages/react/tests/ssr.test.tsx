import type { SendResult } from '@lifeline/core'
import { testServer } from '@lifeline/test-utils'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { LifelineProvider, useWebSocket } from '../src/index.js'
import { cleanupAfterEach, fast, scope, sleep } from './harness.js'

const cleanup = cleanupAfterEach()

function Status({ url }: { url: string | null }) {
  const { status, lifeline } = useWebSocket(url, fast)
  return (
    <p>
      status: {status}, line: {lifeline === null ? 'none' : 'made'}
    </p>
  )
}

describe('server render', () => {
  it('renders idle, opens no socket and keeps no connection', async () => {
    const s = await testServer(cleanup)
    const { registry } = scope()
    const html = renderToString(
      <LifelineProvider registry={registry}>
        <Status url={s.url} />
      </LifelineProvider>,
    )
    // A connection object was made during render (the client would start it after commit)…
    expect(html).toContain('status: <!-- -->idle')
    expect(html).toContain('line: <!-- -->made')
    // …but never started, and forgotten once the render's task is over.
    await new Promise((r) => setTimeout(r, 0))
    expect(registry.size()).toBe(0)
    await sleep(200)
    expect(s.connections).toBe(0)
  })

  it('the same tree on the client does connect (the server case could fail)', async () => {
    const s = await testServer(cleanup)
    const { registry, wrapper } = scope()
    render(<Status url={s.url} />, { wrapper })
    await screen.findByText('status: open, line: made')
    expect(s.connections).toBe(1)
    expect(registry.size()).toBe(1)
  })
})

describe('url === null on the client', () => {
  it('stays idle, drops what is sent and opens nothing, until a url comes', async () => {
    const s = await testServer(cleanup)
    const { registry, wrapper } = scope()
    const sent: SendResult[] = []
    function Maybe({ url }: { url: string | null }) {
      const { status, send } = useWebSocket(url, fast)
      return (
        <button type="button" onClick={() => sent.push(send('x'))}>
          status: {status}
        </button>
      )
    }
    const view = render(<Maybe url={null} />, { wrapper })
    expect(screen.getByText('status: idle')).toBeTruthy()
    fireEvent.click(screen.getByText('status: idle'))
    expect(sent).toEqual(['dropped'])
    await sleep(200)
    expect(screen.getByText('status: idle')).toBeTruthy()
    expect(s.connections).toBe(0)
    expect(s.received).toEqual([])
    expect(registry.size()).toBe(0)

    view.rerender(<Maybe url={s.url} />)
    await screen.findByText('status: open')
    fireEvent.click(screen.getByText('status: open'))
    expect(sent).toEqual(['dropped', 'sent'])
    await waitFor(() => expect(s.received.map((m) => m.data)).toEqual(['x']))
    expect(s.connections).toBe(1)
  })
})
