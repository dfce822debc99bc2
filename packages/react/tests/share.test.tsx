import { testServer } from '@lifeline/test-utils'
import { act, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { useWebSocket } from '../src/index.js'
import { cleanupAfterEach, fast, scope, sleep } from './harness.js'

const cleanup = cleanupAfterEach()

function Member({
  url,
  name,
  share = true,
}: {
  url: string
  name: string
  share?: boolean | string
}) {
  const { status } = useWebSocket(url, { ...fast, share })
  return (
    <p>
      {name}: {status}
    </p>
  )
}

describe('share', () => {
  it('hooks with the same key share one socket, reference-counted', async () => {
    const s = await testServer(cleanup)
    const { wrapper, registry } = scope()
    function Room() {
      const [members, setMembers] = useState(['a', 'b', 'c'])
      return (
        <>
          <button type="button" onClick={() => setMembers((m) => m.slice(1))}>
            leave
          </button>
          {members.map((m) => (
            <Member key={m} url={s.url} name={m} />
          ))}
        </>
      )
    }
    render(<Room />, { wrapper })
    await screen.findByText('c: open')
    expect(screen.getByText('a: open')).toBeTruthy()
    expect(s.connections).toBe(1)
    expect(registry.size()).toBe(1)
    act(() => screen.getByText('leave').click())
    act(() => screen.getByText('leave').click())
    await sleep(100)
    expect(s.clients()).toHaveLength(1)
    act(() => screen.getByText('leave').click())
    await waitFor(() => expect(s.clients()).toHaveLength(0))
    expect(registry.size()).toBe(0)
    expect(s.connections).toBe(1)
  })

  it('a share key joins hooks with different URLs; private hooks get a socket each', async () => {
    const s = await testServer(cleanup)
    const { wrapper } = scope()
    render(
      <>
        <Member url={`${s.url}/one`} name="x" share="room" />
        <Member url={`${s.url}/two`} name="y" share="room" />
        <Member url={s.url} name="p" share={false} />
        <Member url={s.url} name="q" share={false} />
      </>,
      { wrapper },
    )
    await screen.findByText('q: open')
    await screen.findByText('y: open')
    await sleep(50)
    expect(s.connections).toBe(3)
  })

  it('the first mounted hook’s options win; a differing option is reported once in development', async () => {
    const s = await testServer(cleanup)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    cleanup.push(() => warn.mockRestore())
    const { wrapper } = scope()
    function Differ({ n }: { n: number }) {
      const { status } = useWebSocket(s.url, { ...fast, share: 'k', connectTimeout: 1_000 + n })
      return (
        <p>
          d{n}: {status}
        </p>
      )
    }
    render(
      <>
        <Differ n={1} />
        <Differ n={2} />
        <Differ n={3} />
      </>,
      { wrapper },
    )
    await screen.findByText('d3: open')
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toContain('share "share:k"')
  })
})
