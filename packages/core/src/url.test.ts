import { describe, expect, it } from 'vitest'
import { checkUrl, resolveSource } from './url.js'

/** `checkUrl` as a result object, so each case states both outcomes alike. */
function check(input: unknown, base?: string) {
  const result = checkUrl(input, base)
  return typeof result === 'string'
    ? ({ ok: false, message: result } as const)
    : ({ ok: true, url: result.href } as const)
}

describe('checkUrl', () => {
  it.each([
    'ws://example.com/live',
    'wss://example.com/live',
    'ws://localhost:8080/',
    'wss://example.com/live?token=abc',
  ])('passes %s unchanged', (url) => {
    expect(check(url)).toEqual({ ok: true, url })
  })

  it('maps http: to ws:', () => {
    expect(check('http://example.com/live?x=1')).toEqual({
      ok: true,
      url: 'ws://example.com/live?x=1',
    })
  })

  it('maps https: to wss:', () => {
    expect(check('https://example.com:8443/live')).toEqual({
      ok: true,
      url: 'wss://example.com:8443/live',
    })
  })

  it('removes the fragment', () => {
    expect(check('wss://example.com/live?x=1#section')).toEqual({
      ok: true,
      url: 'wss://example.com/live?x=1',
    })
    expect(check('wss://example.com/live#')).toEqual({
      ok: true,
      url: 'wss://example.com/live',
    })
  })

  it('resolves a relative URL against the base', () => {
    expect(check('/live', 'https://app.example/x')).toEqual({
      ok: true,
      url: 'wss://app.example/live',
    })
    expect(check('live', 'http://app.example/a/b')).toEqual({
      ok: true,
      url: 'ws://app.example/a/live',
    })
  })

  it('ignores the base for an absolute URL', () => {
    expect(check('wss://other.example/s', 'https://app.example/x')).toEqual({
      ok: true,
      url: 'wss://other.example/s',
    })
  })

  it('refuses a relative URL without a base, with a message', () => {
    const result = check('/live')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.message).toContain('"/live" is not a valid URL')
    expect(result.message).toContain('ws://')
  })

  it('refuses another scheme and names ws: and wss:', () => {
    const result = check('ftp://example.com/file')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.message).toContain('ftp:')
    expect(result.message).toContain('ws: or wss:')
  })

  it.each([
    [42, 'number'],
    [null, 'null'],
    [undefined, 'undefined'],
    [{ href: 'wss://example.com/' }, 'object'],
  ])('refuses %o, naming what it got', (input, what) => {
    const result = check(input)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.message).toBe(`expected a URL string or URL object, got ${what}`)
  })

  it('accepts URL objects, mapped and without fragment, and leaves them unchanged', () => {
    const input = new URL('https://example.com/live#top')
    expect(check(input)).toEqual({ ok: true, url: 'wss://example.com/live' })
    expect(input.href).toBe('https://example.com/live#top')
    expect(check(new URL('wss://example.com/s'))).toEqual({
      ok: true,
      url: 'wss://example.com/s',
    })
  })
})

describe('resolveSource', () => {
  const collect = () => {
    const seen: string[] = []
    return {
      seen,
      use: (value: unknown) => seen.push(`use ${String(value)}`),
      fail: (message: string) => seen.push(`fail ${message}`),
    }
  }

  it('hands on a plain value synchronously, and undefined too', () => {
    const c = collect()
    resolveSource('wss://a/', 'URL', c.use, c.fail)
    resolveSource(undefined, 'protocols', c.use, c.fail)
    expect(c.seen).toEqual(['use wss://a/', 'use undefined'])
  })

  it('calls a function each time, sync or async', async () => {
    const c = collect()
    let n = 0
    const source = () => `t${++n}`
    resolveSource(source, 'URL', c.use, c.fail)
    resolveSource(source, 'URL', c.use, c.fail)
    resolveSource(async () => ['chat.v2'], 'protocols', c.use, c.fail)
    expect(c.seen).toEqual(['use t1', 'use t2'])
    await Promise.resolve()
    expect(c.seen).toEqual(['use t1', 'use t2', 'use chat.v2'])
  })

  it('turns a throw and a rejection into the same readable failure', async () => {
    const c = collect()
    resolveSource(
      () => {
        throw new Error('no token')
      },
      'URL',
      c.use,
      c.fail,
    )
    resolveSource(() => Promise.reject(new Error('401')), 'protocols', c.use, c.fail)
    await new Promise((r) => setTimeout(r, 0))
    expect(c.seen).toEqual([
      'fail the URL function failed: no token',
      'fail the protocols function failed: 401',
    ])
  })
})
