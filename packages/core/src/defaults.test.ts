import { describe, expect, it } from 'vitest'
import {
  DEFAULT_CONNECT_TIMEOUT,
  DEFAULT_HEARTBEAT_INTERVAL,
  DEFAULT_HEARTBEAT_TIMEOUT,
  DEFAULT_MIN_UPTIME,
  DEFAULT_QUEUE_SIZE,
  defaultShouldReconnect,
  pickNumber,
  resolveOptions,
} from './defaults.js'
import { parseJsonText } from './parse.js'
import type { CloseInfo } from './types.js'

const close = (code: number): CloseInfo => ({ code, reason: '', wasClean: true, at: 0 })

describe('resolveOptions', () => {
  it('fills in the defaults of API.md', () => {
    const resolved = resolveOptions({})
    expect(resolved.connectTimeout).toBe(10_000)
    expect(resolved.heartbeat).toBeNull()
    expect(resolved.reconnect).toEqual({
      maxAttempts: Infinity,
      minDelay: 1_000,
      maxDelay: 30_000,
      factor: 2,
      jitter: 0.5,
      minUptime: 5_000,
      shouldReconnect: defaultShouldReconnect,
    })
    expect(resolved.queue).toEqual({ maxSize: 1_000, overflow: 'drop-oldest' })
    expect(resolved.parse).toBe(parseJsonText)
    expect(resolved.minUptime).toBe(5_000)
  })

  it('keeps minUptime for the attempt reset when reconnection is off', () => {
    expect(resolveOptions({ reconnect: false }).minUptime).toBe(5_000)
    expect(resolveOptions({ reconnect: { minUptime: 70 } }).minUptime).toBe(70)
  })

  it('exports the default constants with the documented values', () => {
    expect(DEFAULT_CONNECT_TIMEOUT).toBe(10_000)
    expect(DEFAULT_HEARTBEAT_INTERVAL).toBe(25_000)
    expect(DEFAULT_HEARTBEAT_TIMEOUT).toBe(10_000)
    expect(DEFAULT_MIN_UPTIME).toBe(5_000)
    expect(DEFAULT_QUEUE_SIZE).toBe(1_000)
  })

  it('heartbeat true gives every heartbeat default', () => {
    const heartbeat = resolveOptions({ heartbeat: true }).heartbeat
    expect(heartbeat).toMatchObject({ interval: 25_000, timeout: 10_000, message: 'ping' })
    expect(heartbeat?.isPong('pong')).toBe(true)
    expect(heartbeat?.isPong('ping')).toBe(false)
    expect(heartbeat?.isPong('PONG')).toBe(false)
    expect(heartbeat?.isPong(new TextEncoder().encode('pong'))).toBe(false)
  })

  it('heartbeat {} gives the same defaults as true', () => {
    const heartbeat = resolveOptions({ heartbeat: {} }).heartbeat
    expect(heartbeat).toMatchObject({ interval: 25_000, timeout: 10_000, message: 'ping' })
  })

  it('heartbeat false is off', () => {
    expect(resolveOptions({ heartbeat: false }).heartbeat).toBeNull()
  })

  it('keeps given heartbeat settings', () => {
    const message = (): string => 'hb'
    const isPong = (data: unknown): boolean => data === 'hb-ok'
    expect(
      resolveOptions({ heartbeat: { interval: 500, timeout: 200, message, isPong } }).heartbeat,
    ).toEqual({ interval: 500, timeout: 200, message, isPong })
  })

  it('turns reconnect, queue and parse off with false', () => {
    const resolved = resolveOptions({ reconnect: false, queue: false, parse: false })
    expect(resolved.reconnect).toBeNull()
    expect(resolved.queue).toBeNull()
    expect(resolved.parse).toBeNull()
  })

  it('keeps given reconnect, queue and parse settings', () => {
    const shouldReconnect = (): boolean => false
    const parse = (text: string): number => text.length
    const resolved = resolveOptions<number>({
      reconnect: {
        maxAttempts: 3,
        minDelay: 200,
        maxDelay: 800,
        factor: 1.5,
        jitter: 0.1,
        minUptime: 50,
        shouldReconnect,
      },
      queue: { maxSize: 5, overflow: 'error' },
      parse,
    })
    expect(resolved.reconnect).toEqual({
      maxAttempts: 3,
      minDelay: 200,
      maxDelay: 800,
      factor: 1.5,
      jitter: 0.1,
      minUptime: 50,
      shouldReconnect,
    })
    expect(resolved.queue).toEqual({ maxSize: 5, overflow: 'error' })
    expect(resolved.parse).toBe(parse)
  })

  it('falls back to the default for NaN', () => {
    const resolved = resolveOptions({
      connectTimeout: Number.NaN,
      heartbeat: { interval: Number.NaN, timeout: Number.NaN },
      reconnect: {
        maxAttempts: Number.NaN,
        minDelay: Number.NaN,
        maxDelay: Number.NaN,
        factor: Number.NaN,
        jitter: Number.NaN,
        minUptime: Number.NaN,
      },
      queue: { maxSize: Number.NaN },
    })
    expect(resolved.connectTimeout).toBe(10_000)
    expect(resolved.heartbeat).toMatchObject({ interval: 25_000, timeout: 10_000 })
    expect(resolved.reconnect).toMatchObject({
      maxAttempts: Infinity,
      minDelay: 1_000,
      maxDelay: 30_000,
      factor: 2,
      jitter: 0.5,
      minUptime: 5_000,
    })
    expect(resolved.queue?.maxSize).toBe(1_000)
  })

  it('clamps negative and out-of-range numbers', () => {
    const resolved = resolveOptions({
      connectTimeout: -5,
      heartbeat: { interval: 0, timeout: -1 },
      reconnect: {
        maxAttempts: -2,
        minDelay: -100,
        maxDelay: -50,
        factor: 0.5,
        jitter: 2,
        minUptime: -1,
      },
      queue: { maxSize: -3 },
    })
    expect(resolved.connectTimeout).toBe(1)
    expect(resolved.heartbeat).toMatchObject({ interval: 1, timeout: 1 })
    expect(resolved.reconnect).toMatchObject({
      maxAttempts: 0,
      minDelay: 0,
      maxDelay: 0,
      factor: 1,
      jitter: 1,
      minUptime: 0,
    })
    expect(resolved.queue?.maxSize).toBe(0)
    expect(resolveOptions({ reconnect: { jitter: -0.5 } }).reconnect?.jitter).toBe(0)
  })

  it('keeps a maxDelay below minDelay: it caps every delay', () => {
    expect(resolveOptions({ reconnect: { maxDelay: 200 } }).reconnect).toMatchObject({
      minDelay: 1_000,
      maxDelay: 200,
    })
  })
})

describe('pickNumber', () => {
  it('returns the value when it is a number in range', () => {
    expect(pickNumber(7, 1)).toBe(7)
    expect(pickNumber(0, 1)).toBe(0)
    expect(pickNumber(5, 1, 5, 5)).toBe(5)
  })

  it('returns the fallback for undefined, NaN and non-numbers', () => {
    expect(pickNumber(undefined, 42)).toBe(42)
    expect(pickNumber(Number.NaN, 42)).toBe(42)
    expect(pickNumber('7' as never, 42)).toBe(42)
    expect(pickNumber(null as never, 42)).toBe(42)
  })

  it('clamps into [min, max]', () => {
    expect(pickNumber(-1, 42)).toBe(0)
    expect(pickNumber(-1, 42, 10)).toBe(10)
    expect(pickNumber(99, 42, 0, 50)).toBe(50)
    expect(pickNumber(Infinity, 42, 0, 50)).toBe(50)
    expect(pickNumber(-Infinity, 42, 3)).toBe(3)
    expect(pickNumber(Infinity, 42)).toBe(Infinity)
  })
})

describe('defaultShouldReconnect', () => {
  it.each([1000, 1001, 1005, 1006, 1011, 1012, 1013, 3000, 4000, 4399, 4500, 4999])(
    'reconnects after %s',
    (code) => {
      expect(defaultShouldReconnect(close(code))).toBe(true)
    },
  )

  it.each([1002, 1003, 1007, 1008, 1009, 1010, 4400, 4401, 4450, 4499])(
    'does not reconnect after %s',
    (code) => {
      expect(defaultShouldReconnect(close(code))).toBe(false)
    },
  )

  it('looks only at the code', () => {
    expect(defaultShouldReconnect({ code: 1008, reason: 'x', wasClean: false, at: 5 })).toBe(false)
    expect(defaultShouldReconnect({ code: 1006, reason: 'policy', wasClean: false, at: 5 })).toBe(
      true,
    )
  })
})
