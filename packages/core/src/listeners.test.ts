import { afterEach, describe, expect, it, vi } from 'vitest'
import { createListeners } from './listeners.js'

describe('createListeners', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('calls every listener in order with both arguments', () => {
    const calls: string[] = []
    const listeners = createListeners<string, number>()
    listeners.add((a, b) => calls.push(`first ${a} ${b}`))
    listeners.add((a, b) => calls.push(`second ${a} ${b}`))
    listeners.emit('x', 1)
    expect(calls).toEqual(['first x 1', 'second x 1'])
    expect(listeners.size).toBe(2)
  })

  it('adds a listener once, and removes it', () => {
    const listener = vi.fn()
    const listeners = createListeners<string>()
    const off = listeners.add(listener)
    listeners.add(listener)
    listeners.emit('a', undefined)
    off()
    listeners.emit('b', undefined)
    expect(listener).toHaveBeenCalledTimes(1)
    expect(listeners.size).toBe(0)
  })

  it('a listener removed by another while the list runs is not called', () => {
    const calls: string[] = []
    const listeners = createListeners<string>()
    let offSecond = (): void => {}
    listeners.add((a) => {
      calls.push(`first ${a}`)
      offSecond()
    })
    offSecond = listeners.add((a) => calls.push(`second ${a}`))
    listeners.emit('1', undefined)
    listeners.emit('2', undefined)
    expect(calls).toEqual(['first 1', 'first 2'])
  })

  it('a throwing listener does not stop the others; its error is rethrown later', async () => {
    const thrown = new Error('listener bug')
    const seen: unknown[] = []
    const original = globalThis.queueMicrotask
    globalThis.queueMicrotask = (task) =>
      original(() => {
        try {
          task()
        } catch (error) {
          seen.push(error)
        }
      })
    try {
      const after = vi.fn()
      const listeners = createListeners<string>()
      listeners.add(() => {
        throw thrown
      })
      listeners.add(after)
      listeners.emit('x', undefined)
      expect(after).toHaveBeenCalledWith('x', undefined)
      await Promise.resolve()
      expect(seen).toEqual([thrown])
    } finally {
      globalThis.queueMicrotask = original
    }
  })

  it('clear removes every listener', () => {
    const listener = vi.fn()
    const listeners = createListeners<string>()
    listeners.add(listener)
    listeners.clear()
    listeners.emit('x', undefined)
    expect(listener).not.toHaveBeenCalled()
  })
})
