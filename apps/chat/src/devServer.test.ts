import { describe, expect, it } from 'vitest'
import {
  clampFreeze,
  controlDevServer,
  fetchDevServer,
  isDevServerStatus,
  serverFromPage,
} from './devServer.js'

const running = { state: 'running', url: 'ws://127.0.0.1:8787', frozenUntil: null }
const answer =
  (body: string, init: { status?: number; type?: string } = {}): typeof fetch =>
  async () =>
    new Response(body, {
      status: init.status ?? 200,
      headers: { 'content-type': init.type ?? 'application/json' },
    })

describe('the dev server client', () => {
  it('accepts only a well-formed status', () => {
    expect(isDevServerStatus(running)).toBe(true)
    expect(isDevServerStatus({ ...running, state: 'asleep' })).toBe(false)
    expect(isDevServerStatus({ ...running, url: 42 })).toBe(false)
    expect(isDevServerStatus(null)).toBe(false)
  })

  it('finds no controls where none answer: HTML from a plain Vite, an error, no server', async () => {
    expect(await fetchDevServer(answer(JSON.stringify(running)))).toEqual(running)
    expect(await fetchDevServer(answer('<!doctype html>', { type: 'text/html' }))).toBeNull()
    expect(await fetchDevServer(answer('{}', { status: 404 }))).toBeNull()
    expect(await fetchDevServer(answer('{"state":"nope"}'))).toBeNull()
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch')
    }
    expect(await fetchDevServer(offline)).toBeNull()
  })

  it('posts an action and passes on the reason of a refusal', async () => {
    let asked = ''
    const record: typeof fetch = async (input, init) => {
      asked = `${init?.method} ${String(input)}`
      return new Response(JSON.stringify(running), {
        headers: { 'content-type': 'application/json' },
      })
    }
    await controlDevServer('freeze', 5_000.4, record)
    expect(asked).toBe('POST /__lifeline/server/freeze?ms=5000')
    const refused = answer(JSON.stringify({ error: 'only from the demo page itself' }), {
      status: 403,
    })
    await expect(controlDevServer('kill', undefined, refused)).rejects.toThrow(
      'only from the demo page itself',
    )
  })

  it('keeps a freeze between 1 s and 60 s', () => {
    expect(clampFreeze(10)).toBe(1_000)
    expect(clampFreeze(5_000.6)).toBe(5_001)
    expect(clampFreeze(3_600_000)).toBe(60_000)
  })

  it('reads the server the dev script named in the page', () => {
    const doc = (content: string | null) => ({
      querySelector: () => (content === null ? null : { content }),
    })
    expect(serverFromPage(doc('ws://127.0.0.1:8788') as never)).toBe('ws://127.0.0.1:8788')
    expect(serverFromPage(doc('') as never)).toBeNull()
    expect(serverFromPage(doc(null) as never)).toBeNull()
  })
})
