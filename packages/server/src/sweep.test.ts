import { describe, expect, it } from 'vitest'
import { runSliced, type SliceScheduler } from './sweep.js'

/**
 * A scheduler whose clock moves `cost` ms per visit and whose deferred work runs only when the test
 * says so: slices are then visible one by one.
 */
function manual(cost: number) {
  let t = 0
  const queue: Array<() => void> = []
  const gaps: number[] = []
  const scheduler: SliceScheduler = {
    now: () => t,
    defer(fn, delay) {
      gaps.push(delay)
      queue.push(fn)
      return () => {
        const index = queue.indexOf(fn)
        if (index >= 0) queue.splice(index, 1)
      }
    },
  }
  return {
    scheduler,
    tick: () => {
      t += cost
    },
    /** Runs the next deferred slice; false when none is waiting. */
    next: (): boolean => {
      const fn = queue.shift()
      fn?.()
      return fn !== undefined
    },
    pending: () => queue.length,
    gaps,
  }
}

describe('runSliced', () => {
  it('visits every item once, in order, in slices cut by the budget, gap ms apart', () => {
    const m = manual(0.1)
    const visited: number[] = []
    let done = 0
    const items = Array.from({ length: 1_000 }, (_, i) => i)
    runSliced({
      items: items.values(),
      visit: (i) => {
        visited.push(i)
        m.tick()
      },
      perSlice: 500,
      budget: 4,
      gap: 10,
      scheduler: m.scheduler,
      done: () => done++,
    })
    // 4 ms at 0.1 ms a visit, the clock read every 32 visits: 64 visits (the first look past 4 ms).
    expect(visited).toHaveLength(64)
    expect(m.pending()).toBe(1)
    const sizes = [visited.length]
    while (m.next()) sizes.push(visited.length - sizes.reduce((a, b) => a + b, 0))
    expect(visited).toEqual(items)
    expect(done).toBe(1)
    // 15 slices of 64, then the last 40: none longer than the budget allows.
    expect(sizes).toEqual([...Array.from({ length: 15 }, () => 64), 40])
    expect(m.gaps).toEqual(Array.from({ length: 15 }, () => 10))
  })

  it('visits at most perSlice items a slice, however cheap they are', () => {
    const m = manual(0)
    const visited: number[] = []
    runSliced({
      items: Array.from({ length: 10 }, (_, i) => i).values(),
      visit: (i) => visited.push(i),
      perSlice: 4,
      budget: 4,
      gap: 25,
      scheduler: m.scheduler,
    })
    const sizes = [visited.length]
    while (m.next()) sizes.push(visited.length - sizes.reduce((a, b) => a + b, 0))
    expect(sizes).toEqual([4, 4, 2])
    expect(m.gaps).toEqual([25, 25])
  })

  it('finishes in one go, at once, when the items fit in the budget', () => {
    const m = manual(0)
    let done = 0
    const visited: number[] = []
    runSliced({
      items: [1, 2, 3].values(),
      visit: (i) => visited.push(i),
      perSlice: 100,
      budget: 4,
      gap: 10,
      scheduler: m.scheduler,
      done: () => done++,
    })
    expect(visited).toEqual([1, 2, 3])
    expect(done).toBe(1)
    expect(m.pending()).toBe(0)
  })

  it('visits nothing more after cancel, also when cancelled from a visit, and never calls done', () => {
    const m = manual(1)
    const visited: number[] = []
    let done = 0
    const items = Array.from({ length: 200 }, (_, i) => i)
    const cancel = runSliced({
      items: items.values(),
      visit: (i) => {
        visited.push(i)
        m.tick()
        if (i === 100) cancel()
      },
      perSlice: 1_000,
      budget: 10,
      gap: 10,
      scheduler: m.scheduler,
      done: () => done++,
    })
    while (m.next()) {}
    expect(visited.at(-1)).toBe(100)
    expect(done).toBe(0)
  })
})
