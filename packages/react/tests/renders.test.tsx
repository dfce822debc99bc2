import type { LifelineOptions } from '@lifeline/core'
import { testServer } from '@lifeline/test-utils'
import { render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useWebSocket } from '../src/index.js'
import { cleanupAfterEach, fast, scope, sleep } from './harness.js'

const cleanup = cleanupAfterEach()

/** Renders per component, counted in the render body (StrictMode is off, so one call = one render). */
const renders = { status: 0, message: 0, latency: 0, conditional: 0 }

beforeEach(() => {
  for (const key of Object.keys(renders) as Array<keyof typeof renders>) renders[key] = 0
})

function StatusOnly({ url, options = fast }: { url: string; options?: LifelineOptions }) {
  renders.status++
  const { status } = useWebSocket(url, options)
  return <p>status: {status}</p>
}

function LastMessage({ url }: { url: string }) {
  renders.message++
  const { lastMessage } = useWebSocket(url, fast)
  return <p>last: {String(lastMessage)}</p>
}

function Latency({ url, options }: { url: string; options: LifelineOptions }) {
  renders.latency++
  const { latency } = useWebSocket(url, options)
  return <p>latency: {latency === null ? 'none' : 'measured'}</p>
}

/** Reads `status` while `showMessage` is off, and only `lastMessage` once it is on. */
function Conditional({ url, showMessage }: { url: string; showMessage: boolean }) {
  renders.conditional++
  const ws = useWebSocket(url, fast)
  return showMessage ? <p>message: {String(ws.lastMessage)}</p> : <p>state: {ws.status}</p>
}

describe('render counts', () => {
  it('a burst of 1,000 messages re-renders the lastMessage reader, never the status reader', async () => {
    const s = await testServer(cleanup)
    const { wrapper } = scope(false)
    render(
      <>
        <StatusOnly url={s.url} />
        <LastMessage url={s.url} />
      </>,
      { wrapper },
    )
    // The hook reads 'connecting' from the first render on: no idle -> connecting render.
    expect(screen.getByText('status: connecting')).toBeTruthy()
    expect(renders.status).toBe(1)
    await screen.findByText('status: open')
    await waitFor(() => expect(s.clients()).toHaveLength(2))
    const beforeBurst = { ...renders }
    expect(beforeBurst.status).toBe(2)

    for (const c of s.clients()) for (let i = 0; i < 1000; i++) c.send(`m${i}`)
    await screen.findByText('last: m999', undefined, { timeout: 10_000 })
    await sleep(50)

    console.info(
      `[renders] React ${process.env['REACT_MAJOR']}: status-only ${renders.status}, lastMessage ${renders.message} (${renders.message - beforeBurst.message} during the burst)`,
    )
    expect(renders.status).toBe(2)
    expect(renders.message).toBeGreaterThanOrEqual(2)
    expect(renders.message).toBeLessThanOrEqual(1002)
    // The status reader still follows status: its third render is the close.
    s.closeAll(4001)
    await waitFor(() => expect(renders.status).toBeGreaterThan(2))
  })

  it('pongs re-render a latency reader, not a status reader', async () => {
    const s = await testServer(cleanup)
    // timeout 150, not 500: the core pings again only when the ping's deadline timer fires, so a
    // timeout above the interval stretches the ping cadence to ~timeout (bug-heartbeatCadence.test.tsx).
    const options: LifelineOptions = { ...fast, heartbeat: { interval: 30, timeout: 150 } }
    const { wrapper } = scope(false)
    render(
      <>
        <StatusOnly url={s.url} options={options} />
        <Latency url={s.url} options={options} />
      </>,
      { wrapper },
    )
    expect(screen.getByText('latency: none')).toBeTruthy()
    expect(renders.latency).toBe(1)
    await screen.findByText('status: open')
    expect(renders.status).toBe(2)

    await sleep(400)
    // Two sockets, each pinging every ~30-150 ms: several pongs came back in 400 ms.
    expect(s.pings).toBeGreaterThanOrEqual(3)
    expect(screen.getByText('latency: measured')).toBeTruthy()
    // Mount, then at least the first pong (null -> a number); opening alone does not wake it.
    expect(renders.latency).toBeGreaterThanOrEqual(2)
    expect(renders.status).toBe(2)
    expect(screen.getByText('status: open')).toBeTruthy()
  })

  it('a field first read in a later render is fresh, and tracked from then on', async () => {
    const s = await testServer(cleanup)
    const { wrapper } = scope(false)
    const view = render(<Conditional url={s.url} showMessage={false} />, { wrapper })
    await screen.findByText('state: open')
    const atOpen = renders.conditional
    expect(atOpen).toBe(2)

    // lastMessage is not read yet: this message does not wake the component.
    for (const c of s.clients()) c.send('early')
    await sleep(100)
    expect(renders.conditional).toBe(atOpen)

    // A render for another reason reads lastMessage: it sees 'early', not the null of an old snapshot.
    view.rerender(<Conditional url={s.url} showMessage />)
    expect(screen.getByText('message: early')).toBeTruthy()

    // lastMessage is tracked now: the next message re-renders on its own.
    for (const c of s.clients()) c.send('late')
    await screen.findByText('message: late')
  })

  it('a field read only in the first render keeps waking the component (reads accumulate)', async () => {
    const s = await testServer(cleanup)
    const { wrapper } = scope(false)
    function Switching({ url }: { url: string }) {
      renders.conditional++
      const [first] = useState(() => renders.conditional)
      const ws = useWebSocket(url, fast)
      return renders.conditional === first ? (
        <p>state: {ws.status}</p>
      ) : (
        <p>
          message: {String(ws.lastMessage)} / {ws.status}
        </p>
      )
    }
    render(<Switching url={s.url} />, { wrapper })
    expect(screen.getByText('state: connecting')).toBeTruthy()
    // The first render read status only: open must still wake it.
    await screen.findByText('message: null / open')
    await waitFor(() => expect(s.clients()).toHaveLength(1))
    for (const c of s.clients()) c.send('hello')
    await screen.findByText('message: hello / open')
  })
})
