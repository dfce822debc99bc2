import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTimerSlots, globalTimers } from './timers.js'
import type { TimerProvider } from './types.js'

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

describe('createTimerSlots', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(START)
  })

  it('runs the callback at its time, not 1 ms before, with late 0', () => {
    const slots = createTimerSlots<'a'>(fakeProvider())
    const callback = vi.fn((_late: number): void => {})
    slots.arm('a', START + 100, callback)
    expect(slots.count()).toBe(1)
    vi.advanceTimersByTime(99)
    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(callback).toHaveBeenCalledTimes(1)
    expect(callback).toHaveBeenCalledWith(0)
    expect(slots.count()).toBe(0)
  })

  it('runs a time already past at once', () => {
    const slots = createTimerSlots<'a'>(fakeProvider())
    const callback = vi.fn((_late: number): void => {})
    slots.arm('a', START - 30, callback)
    vi.advanceTimersByTime(0)
    expect(callback).toHaveBeenCalledWith(30)
  })

  it('re-arming a slot replaces its timer', () => {
    const timers = fakeProvider()
    const slots = createTimerSlots<'a'>(timers)
    const first = vi.fn()
    const second = vi.fn()
    slots.arm('a', START + 100, first)
    slots.arm('a', START + 200, second)
    expect(timers.clearTimeout).toHaveBeenCalledTimes(1)
    expect(slots.count()).toBe(1)
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(200)
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledTimes(1)
  })

  it('keeps slots of different names apart', () => {
    const slots = createTimerSlots<'a' | 'b'>(fakeProvider())
    const a = vi.fn()
    const b = vi.fn()
    slots.arm('a', START + 100, a)
    slots.arm('b', START + 100, b)
    expect(slots.count()).toBe(2)
    slots.disarm('a')
    expect(slots.count()).toBe(1)
    vi.advanceTimersByTime(100)
    expect(a).not.toHaveBeenCalled()
    expect(b).toHaveBeenCalledTimes(1)
  })

  it('disarm of a slot that is not armed clears nothing', () => {
    const timers = fakeProvider()
    const slots = createTimerSlots<'a'>(timers)
    slots.disarm('a')
    expect(timers.clearTimeout).not.toHaveBeenCalled()
    expect(slots.count()).toBe(0)
  })

  it('disarmAll clears every timer', () => {
    const timers = fakeProvider()
    const slots = createTimerSlots<'a' | 'b' | 'c'>(timers)
    const callback = vi.fn()
    slots.arm('a', START + 10, callback)
    slots.arm('b', START + 20, callback)
    slots.arm('c', START + 30, callback)
    slots.disarmAll()
    expect(slots.count()).toBe(0)
    expect(timers.clearTimeout).toHaveBeenCalledTimes(3)
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(100)
    expect(callback).not.toHaveBeenCalled()
  })

  it('a callback may re-arm its own slot', () => {
    const slots = createTimerSlots<'a'>(fakeProvider())
    const fired: number[] = []
    const tick = (): void => {
      fired.push(Date.now())
      if (fired.length < 3) slots.arm('a', Date.now() + 10, tick)
    }
    slots.arm('a', START + 10, tick)
    vi.advanceTimersByTime(100)
    expect(fired).toEqual([START + 10, START + 20, START + 30])
    expect(slots.count()).toBe(0)
  })

  it('passes how late the timer fired when the clock jumped past its time', () => {
    const slots = createTimerSlots<'a'>(fakeProvider())
    let firedAt = 0
    const callback = vi.fn((_late: number): void => {
      firedAt = Date.now()
    })
    slots.arm('a', START + 100, callback)
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
