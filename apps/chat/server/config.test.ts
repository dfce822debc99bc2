import { describe, expect, it } from 'vitest'
import { readConfig } from './config.js'

describe('readConfig', () => {
  it('defaults everything', () => {
    expect(readConfig({})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      heartbeatInterval: 10_000,
      logInterval: 0,
    })
  })

  it('reads every variable, empty ones as unset', () => {
    const env = { PORT: '0', HOST: '0.0.0.0', HEARTBEAT_INTERVAL: '250', LOG_INTERVAL: '' }
    expect(readConfig(env)).toEqual({
      port: 0,
      host: '0.0.0.0',
      heartbeatInterval: 250,
      logInterval: 0,
    })
  })

  it.each(['abc', '-1', '1.5', '80x'])('refuses PORT=%s', (PORT) => {
    expect(() => readConfig({ PORT })).toThrow(/PORT must be a whole number/)
  })

  it('refuses a heartbeat interval of 0, which would sweep in a busy loop', () => {
    expect(() => readConfig({ HEARTBEAT_INTERVAL: '0' })).toThrow(/≥ 1/)
    expect(readConfig({ LOG_INTERVAL: '0' }).logInterval).toBe(0)
    expect(readConfig({ LOG_INTERVAL: '5000' }).logInterval).toBe(5_000)
  })
})
