import { describe, expect, it } from 'vitest'
import { createTracker } from './tracking.js'

type S = { a: number; b: number; c: { x: number } }

describe('createTracker', () => {
  it('records only the tracked fields that were read', () => {
    const tracker = createTracker<S>(['a', 'b', 'c'])
    const view = tracker.track({ a: 1, b: 2, c: { x: 1 }, extra: () => 0 })
    expect(view.a).toBe(1)
    view.extra()
    expect([...tracker.read()]).toEqual(['a'])
  })

  it('changed() looks only at fields read so far, by Object.is', () => {
    const tracker = createTracker<S>(['a', 'b', 'c'])
    const c = { x: 1 }
    const prev = { a: 1, b: 2, c }
    expect(tracker.changed(prev, { a: 2, b: 3, c })).toBe(false)
    void tracker.track(prev).b
    expect(tracker.changed(prev, { a: 2, b: 2, c })).toBe(false)
    expect(tracker.changed(prev, { a: 1, b: 3, c })).toBe(true)
    void tracker.track(prev).c
    expect(tracker.changed(prev, { a: 1, b: 2, c: { x: 1 } })).toBe(true)
    expect(tracker.changed({ a: Number.NaN, b: 2, c }, { a: Number.NaN, b: 2, c })).toBe(false)
  })

  it('spreading the result tracks every field', () => {
    const tracker = createTracker<S>(['a', 'b', 'c'])
    const copy = { ...tracker.track({ a: 1, b: 2, c: { x: 1 } }) }
    expect(copy.a).toBe(1)
    expect([...tracker.read()].sort()).toEqual(['a', 'b', 'c'])
  })
})
