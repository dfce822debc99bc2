import { testServer } from '@lifeline/test-utils'
import { act, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { useWebSocket } from '../src/index.js'
import { cleanupAfterEach, fast, scope, sleep } from './harness.js'

const cleanup = cleanupAfterEach()

function Status({ url }: { url: string }) {
  const { status } = useWebSocket(url, fast)
  return <p>status: {status}</p>
}

describe('StrictMode', () => {
  it('one mount opens exactly one socket, with no "closed before established" noise', async () => {
    const s = await testServer(cleanup)
    const errors = vi.spyOn(console, 'error')
    const warns = vi.spyOn(console, 'warn')
    cleanup.push(
      () => errors.mockRestore(),
      () => warns.mockRestore(),
    )
    const { wrapper } = scope(true)
    render(<Status url={s.url} />, { wrapper })
    await screen.findByText('status: open')
    await sleep(150)
    expect(s.connections).toBe(1)
    expect(s.clients()).toHaveLength(1)
    expect(errors).not.toHaveBeenCalled()
    expect(warns).not.toHaveBeenCalled()
  })

  it('unmount closes the socket with 1000', async () => {
    const closes: number[] = []
    const s = await testServer(cleanup, {
      onConnection: (socket) => socket.on('close', (code) => closes.push(code)),
    })
    const { wrapper } = scope(true)
    const view = render(<Status url={s.url} />, { wrapper })
    await screen.findByText('status: open')
    act(() => view.unmount())
    await waitFor(() => expect(closes).toEqual([1000]))
    expect(s.connections).toBe(1)
  })
})
