import { describe, expect, it } from 'vitest'
import { checkUrl } from './url.js'

describe('checkUrl', () => {
  it.each([
    'ws://example.com/live',
    'wss://example.com/live',
    'ws://localhost:8080/',
    'wss://example.com/live?token=abc',
  ])('passes %s unchanged', (url) => {
    expect(checkUrl(url)).toEqual({ ok: true, url })
  })

  it('maps http: to ws:', () => {
    expect(checkUrl('http://example.com/live?x=1')).toEqual({
      ok: true,
      url: 'ws://example.com/live?x=1',
    })
  })

  it('maps https: to wss:', () => {
    expect(checkUrl('https://example.com:8443/live')).toEqual({
      ok: true,
      url: 'wss://example.com:8443/live',
    })
  })

  it('removes the fragment', () => {
    expect(checkUrl('wss://example.com/live?x=1#section')).toEqual({
      ok: true,
      url: 'wss://example.com/live?x=1',
    })
    expect(checkUrl('wss://example.com/live#')).toEqual({
      ok: true,
      url: 'wss://example.com/live',
    })
  })

  it('resolves a relative URL against the base', () => {
    expect(checkUrl('/live', 'https://app.example/x')).toEqual({
      ok: true,
      url: 'wss://app.example/live',
    })
    expect(checkUrl('live', 'http://app.example/a/b')).toEqual({
      ok: true,
      url: 'ws://app.example/a/live',
    })
  })

  it('ignores the base for an absolute URL', () => {
    expect(checkUrl('wss://other.example/s', 'https://app.example/x')).toEqual({
      ok: true,
      url: 'wss://other.example/s',
    })
  })

  it('refuses a relative URL without a base, with a message', () => {
    const result = checkUrl('/live')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.message).toContain('"/live" is not a valid URL')
    expect(result.message).toContain('ws://')
  })

  it('refuses another scheme and names ws: and wss:', () => {
    const result = checkUrl('ftp://example.com/file')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.message).toContain('ftp:')
    expect(result.message).toContain('ws: or wss:')
  })

  it.each([
    [42, 'number'],
    [null, 'null'],
    [undefined, 'undefined'],
    [{ href: 'wss://example.com/' }, 'an object'],
  ])('refuses %o, naming what it got', (input, what) => {
    const result = checkUrl(input)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.message).toBe(`expected a URL string or URL object, got ${what}`)
  })

  it('accepts URL objects, mapped and without fragment, and leaves them unchanged', () => {
    const input = new URL('https://example.com/live#top')
    expect(checkUrl(input)).toEqual({ ok: true, url: 'wss://example.com/live' })
    expect(input.href).toBe('https://example.com/live#top')
    expect(checkUrl(new URL('wss://example.com/s'))).toEqual({
      ok: true,
      url: 'wss://example.com/s',
    })
  })
})
