import { describe, expect, it } from 'vitest'
import { checkSocketUrl, DEFAULT_CONFIG, readConfig } from './config.js'

const page = (search: string, hostname = 'demo.test', protocol = 'http:') => ({
  search,
  hostname,
  protocol,
})

describe('readConfig', () => {
  it('defaults to the page host on port 8787, 5 s / 5 s / 1 s and a chat room with a session', () => {
    expect(readConfig(page(''))).toEqual({
      server: 'ws://demo.test:8787',
      interval: 5_000,
      timeout: 5_000,
      minDelay: 1_000,
      sessions: true,
    })
  })

  it('uses wss on an https page, and localhost when the page has no host', () => {
    expect(readConfig(page('', 'demo.test', 'https:')).server).toBe('wss://demo.test:8787')
    expect(readConfig(page('', '', 'file:')).server).toBe('ws://localhost:8787')
  })

  it('keeps the brackets of an IPv6 page host', () => {
    expect(readConfig(page('', '[::1]')).server).toBe('ws://[::1]:8787')
  })

  it('reads server, interval, timeout, minDelay and sessions from the query', () => {
    const search =
      '?server=ws://127.0.0.1:41234&interval=1000&timeout=1000&minDelay=250&sessions=off'
    expect(readConfig(page(search))).toEqual({
      server: 'ws://127.0.0.1:41234',
      interval: 1_000,
      timeout: 1_000,
      minDelay: 250,
      sessions: false,
    })
  })

  it('dials where the dev script says the server is, unless the query names one', () => {
    expect(readConfig(page(''), 'ws://127.0.0.1:41999').server).toBe('ws://127.0.0.1:41999')
    expect(readConfig(page('?server=ws://127.0.0.1:1'), 'ws://127.0.0.1:41999').server).toBe(
      'ws://127.0.0.1:1',
    )
    // A page note that is not a WebSocket URL is ignored like a bad query.
    expect(readConfig(page(''), 'http://127.0.0.1:41999').server).toBe('ws://demo.test:8787')
  })

  it('reads an encoded server and drops its trailing slashes', () => {
    const search = `?server=${encodeURIComponent('wss://chat.example/base//')}`
    expect(readConfig(page(search)).server).toBe('wss://chat.example/base')
  })

  it.each([
    ['server=http://127.0.0.1:1', 'server', 'ws://demo.test:8787'],
    ['server=not a url', 'server', 'ws://demo.test:8787'],
    ['server=', 'server', 'ws://demo.test:8787'],
    ['interval=0', 'interval', DEFAULT_CONFIG.interval],
    ['interval=-5', 'interval', DEFAULT_CONFIG.interval],
    ['interval=1.5', 'interval', DEFAULT_CONFIG.interval],
    ['timeout=abc', 'timeout', DEFAULT_CONFIG.timeout],
    ['timeout=', 'timeout', DEFAULT_CONFIG.timeout],
    ['minDelay=-1', 'minDelay', DEFAULT_CONFIG.minDelay],
    ['minDelay=1e400', 'minDelay', DEFAULT_CONFIG.minDelay],
    ['sessions=maybe', 'sessions', true],
    ['sessions=', 'sessions', true],
  ] as const)('falls back to the default for %s', (search, key, expected) => {
    expect(readConfig(page(`?${search}`))[key]).toBe(expected)
  })

  it.each([
    ['OFF', false],
    ['0', false],
    ['false', false],
    ['on', true],
    ['1', true],
    [' True ', true],
  ] as const)('reads sessions=%s as %s', (text, expected) => {
    expect(readConfig(page(`?sessions=${encodeURIComponent(text)}`)).sessions).toBe(expected)
  })

  it('accepts the smallest values: interval 1 ms, minDelay 0', () => {
    const config = readConfig(page('?interval=1&minDelay=0'))
    expect(config.interval).toBe(1)
    expect(config.minDelay).toBe(0)
  })
})

describe('checkSocketUrl', () => {
  it('accepts absolute ws and wss URLs, trimmed', () => {
    expect(checkSocketUrl(' ws://127.0.0.1:8787/lab ')).toBe('ws://127.0.0.1:8787/lab')
    expect(checkSocketUrl('wss://echo.example')).toBe('wss://echo.example')
  })

  it('refuses other schemes, relative URLs, junk and null', () => {
    expect(checkSocketUrl('https://echo.example')).toBeNull()
    expect(checkSocketUrl('/lab')).toBeNull()
    expect(checkSocketUrl('ws//oops')).toBeNull()
    expect(checkSocketUrl(null)).toBeNull()
  })
})
