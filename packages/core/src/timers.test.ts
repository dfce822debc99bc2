import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TimerProvider } from './options.js'
import { createTimer, globalTimers } from './timers.js'

const START = 50_000

function fakeProvider() {
  return {
    setTimeout: vi.fn((cb: () => void, ms: number): unknown => setTimeout(cb, ms)),
    clearTimeout: vi.fn((handle: unknown): void =>
      clearTimeout(handle as ReturnType<typeof setTimeout>),
    ),
    now: () => Date.now(),
  } satisfies TimerProvider
}

afterEach(() => {
  vi.useRealTimers()
})

describe('createTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(START)
  })

  it('runs the callback at its time, not 1 ms before, with late 0', () => {
    const timer = createTimer(fakeProvider())
    const callback = vi.fn((_late: number): void => {})
    timer.arm(START + 100, callback)
    expect(timer.armed()).toBe(true)
    vi.advanceTimersByTime(99)
    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(callback).toHaveBeenCalledTimes(1)
    expect(callback).toHaveBeenCalledWith(0)
    expect(timer.armed()).toBe(false)
  })

  it('runs a time already past at once', () => {
    const timer = createTimer(fakeProvider())
    const callback = vi.fn()
    timer.arm(START - 50, callback)
    vi.advanceTimersByTime(0)
    expect(callback).toHaveBeenCalledTimes(1)
  })

  it('re-arming replaces the timer; disarm clears it, and clears nothing when not armed', () => {
    const provider = fakeProvider()
    const timer = createTimer(provider)
    const first = vi.fn()
    const second = vi.fn()
    timer.disarm()
    expect(provider.clearTimeout).not.toHaveBeenCalled()
    timer.arm(START + 10, first)
    timer.arm(START + 20, second)
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(30)
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledTimes(1)
    timer.arm(START + 100, first)
    timer.disarm()
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(200)
    expect(first).not.toHaveBeenCalled()
  })

  it('a callback may re-arm its own timer', () => {
    const timer = createTimer(fakeProvider())
    const fired: number[] = []
    const tick = (): void => {
      fired.push(Date.now())
      if (fired.length < 3) timer.arm(Date.now() + 10, tick)
    }
    timer.arm(START + 10, tick)
    vi.advanceTimersByTime(100)
    expect(fired).toEqual([START + 10, START + 20, START + 30])
    expect(timer.armed()).toBe(false)
  })

  it('passes how late the timer fired when the clock jumped past its time', () => {
    const timer = createTimer(fakeProvider())
    let firedAt = 0
    const callback = vi.fn((_late: number): void => {
      firedAt = Date.now()
    })
    timer.arm(START + 100, callback)
    // A jump of the wall clock (a sleeping machine) while the timer could not run. The fake clock
    // keeps the timer's remaining 100 ms, so it fires at START + 250 + 100.
    vi.setSystemTime(START + 250)
    vi.runOnlyPendingTimers()
    expect(callback).toHaveBeenCalledTimes(1)
    expect(firedAt).toBe(START + 350)
    expect(callback).toHaveBeenCalledWith(250)
  })
})

describe('globalTimers', () => {
  it('uses fake timers installed after it was imported', () => {
    vi.useFakeTimers()
    const callback = vi.fn()
    globalTimers.setTimeout(callback, 100)
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(99)
    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(callback).toHaveBeenCalledTimes(1)
  })

  it('clears through the fake clearTimeout', () => {
    vi.useFakeTimers()
    const callback = vi.fn()
    const handle = globalTimers.setTimeout(callback, 100)
    globalTimers.clearTimeout(handle)
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(200)
    expect(callback).not.toHaveBeenCalled()
  })

  it('reads the fake clock', () => {
    vi.useFakeTimers()
    vi.setSystemTime(123_456)
    expect(globalTimers.now()).toBe(123_456)
    vi.advanceTimersByTime(44)
    expect(globalTimers.now()).toBe(123_500)
  })

  it('goes back to the real timers when the fakes are removed', async () => {
    vi.useFakeTimers()
    vi.useRealTimers()
    const fired = await new Promise<boolean>((resolve) => {
      globalTimers.setTimeout(() => resolve(true), 1)
    })
    expect(fired).toBe(true)
    expect(Math.abs(globalTimers.now() - Date.now())).toBeLessThan(1_000)
    expect(globalTimers.now()).toBeGreaterThan(1_600_000_000_000)
  })
})
