import { describe, expect, it } from 'vitest'
import { createBurstClock } from './burstClock.js'

describe('createBurstClock', () => {
  it('reads the clock once for a synchronous burst', () => {
    let reads = 0
    let time = 100
    const clock = createBurstClock(() => {
      reads++
      return time
    })
    expect(clock()).toBe(100)
    time = 150
    expect(clock()).toBe(100)
    expect(clock()).toBe(100)
    expect(reads).toBe(1)
  })

  it('reads it again after a microtask', async () => {
    let time = 100
    const clock = createBurstClock(() => time)
    expect(clock()).toBe(100)
    time = 250
    await Promise.resolve()
    expect(clock()).toBe(250)
    time = 300
    await Promise.resolve()
    expect(clock()).toBe(300)
  })
})
