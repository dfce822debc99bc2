import { createLifeline, type Lifeline } from '@lifeline/core'
import { testServer } from '@lifeline/test-utils'
import { act, render, screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useLifeline } from '../src/index.js'
import { cleanupAfterEach, fast, sleep } from './harness.js'

const cleanup = cleanupAfterEach()

const renders = { status: 0, message: 0 }

beforeEach(() => {
  renders.status = 0
  renders.message = 0
})

function StatusBadge({ line }: { line: Lifeline }) {
  renders.status++
  const status = useLifeline(line, (s) => s.status)
  return <p>status: {status}</p>
}

function LastMessage({ line }: { line: Lifeline }) {
  renders.message++
  const lastMessage = useLifeline(line, (s) => s.lastMessage)
  return <p>last: {String(lastMessage)}</p>
}

function open(url: string): Lifeline {
  const line = createLifeline(url, fast)
  cleanup.push(() => line.destroy())
  return line
}

describe('useLifeline', () => {
  it('a status selector re-renders on status changes only; a lastMessage selector follows messages', async () => {
    const s = await testServer(cleanup)
    const line = open(s.url)
    render(
      <>
        <StatusBadge line={line} />
        <LastMessage line={line} />
      </>,
    )
    expect(screen.getByText('status: connecting')).toBeTruthy()
    await screen.findByText('status: open')
    expect(renders.status).toBe(2)
    const messageRendersAtOpen = renders.message

    for (let i = 0; i < 50; i++) line.send(`echo ${i}`)
    await screen.findByText('last: echo 49')
    for (const c of s.clients()) c.send('from server')
    await screen.findByText('last: from server')
    await sleep(50)
    expect(renders.message).toBeGreaterThan(messageRendersAtOpen)
    expect(renders.status).toBe(2)

    // The status selector is live: a disconnect reaches it.
    act(() => line.disconnect())
    await screen.findByText('status: closed')
    expect(renders.status).toBeGreaterThan(2)
    expect(screen.getByText('last: from server')).toBeTruthy()
  })

  it('reads a line that is already open, and one that was never started', async () => {
    const s = await testServer(cleanup)
    const line = open(s.url)
    await waitFor(() => expect(line.store.getState().status).toBe('open'))
    const idle = createLifeline(s.url, { ...fast, autoConnect: false })
    cleanup.push(() => idle.destroy())
    function Both() {
      const a = useLifeline(line, (st) => st.status)
      const b = useLifeline(idle, (st) => st.status)
      return (
        <p>
          {a} / {b}
        </p>
      )
    }
    render(<Both />)
    expect(screen.getByText('open / idle')).toBeTruthy()
    act(() => idle.connect())
    await screen.findByText('open / open')
    expect(s.connections).toBe(2)
  })
})
