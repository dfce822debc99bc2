import { describe, expect, it } from 'vitest'
import { tally } from './sessionsTally.js'

describe('tally', () => {
  it('a stream that arrived whole, once, in order', () => {
    expect(tally(3, [[0, 1, 2]])).toMatchObject({
      sent: 3,
      delivered: 3,
      lost: 0,
      duplicated: 0,
      outOfOrder: 0,
    })
  })

  it('counts the lost, the twice-arrived and the late', () => {
    expect(tally(5, [[0, 2, 1, 2]])).toMatchObject({
      delivered: 3,
      lost: 2,
      duplicated: 1,
      outOfOrder: 1,
    })
  })

  it('a number that arrived in two lists (across a crash) is one delivery and one duplicate of the crash', () => {
    expect(
      tally(3, [
        [0, 1],
        [1, 2],
      ]),
    ).toMatchObject({ delivered: 3, lost: 0, duplicated: 1, resetDuplicated: 1, outOfOrder: 0 })
  })

  it('adds tallies, and counts the losses of one at the crash when asked', () => {
    const sum = tally(2, [[0]]).add(tally(3, [[0]]), true)
    expect(sum).toMatchObject({ sent: 5, delivered: 2, lost: 3, resetLost: 2 })
  })
})
