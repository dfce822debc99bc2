import { describe, expect, it } from 'vitest'
import {
  type ControlRequest,
  isLoopbackAddress,
  isLoopbackHost,
  refuseControlRequest,
} from './controlRequest.js'

const page: ControlRequest = {
  method: 'POST',
  remoteAddress: '127.0.0.1',
  host: '127.0.0.1:5173',
  origin: 'http://127.0.0.1:5173',
  fetchSite: 'same-origin',
}

describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('accepts %s', (address) => {
    expect(isLoopbackAddress(address)).toBe(true)
  })
  it.each(['10.0.0.1', '192.168.1.2', '::ffff:10.0.0.1', 'fe80::1', '', undefined])(
    'refuses %s',
    (address) => {
      expect(isLoopbackAddress(address)).toBe(false)
    },
  )
})

describe('isLoopbackHost', () => {
  it.each(['localhost:5173', '127.0.0.1:5173', '127.0.0.1', '[::1]:5173'])('accepts %s', (host) => {
    expect(isLoopbackHost(host)).toBe(true)
  })
  it.each(['evil.example:5173', 'localhost.evil.example', '192.168.1.2:5173', '', undefined, '%'])(
    'refuses %s',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false)
    },
  )
})

describe('refuseControlRequest', () => {
  it('lets the demo page itself act, and any loopback client read the status', () => {
    expect(refuseControlRequest(page)).toBeNull()
    // A browser that sends no Sec-Fetch-Site (older ones) still sends Origin on a POST.
    expect(refuseControlRequest({ ...page, fetchSite: undefined })).toBeNull()
    expect(refuseControlRequest({ ...page, method: 'GET', origin: undefined })).toBeNull()
  })

  it.each<[string, Partial<ControlRequest>]>([
    ['another machine', { remoteAddress: '192.168.1.20' }],
    ['a rebound host name', { host: 'evil.example:5173', origin: 'http://evil.example:5173' }],
    [
      'another site in the same browser',
      { origin: 'https://evil.example', fetchSite: 'cross-site' },
    ],
    ['another local port', { origin: 'http://127.0.0.1:3000', fetchSite: 'same-site' }],
    ['a POST without Origin', { origin: undefined, fetchSite: undefined }],
    ['an Origin that does not parse', { origin: 'null', fetchSite: undefined }],
  ])('refuses %s', (_, change) => {
    expect(refuseControlRequest({ ...page, ...change })).toMatch(/^only /)
  })
})
