/** Pure counting for the sessions scenario: what was sent against what arrived. No I/O. */

/** The fate of a numbered stream (`0 … sent-1`), summed over streams. */
export interface Tally {
  readonly sent: number
  /** Distinct numbers that arrived. */
  readonly delivered: number
  /** Numbers that never arrived. */
  readonly lost: number
  /** Arrivals beyond the first of a number. */
  readonly duplicated: number
  /** First arrivals of a number smaller than one that arrived before it, in the same list. */
  readonly outOfOrder: number
  /** Of `lost`, those counted against the crash (see `add`). */
  readonly resetLost: number
  /** Of `duplicated`, numbers that arrived in two lists (before and after the crash). */
  readonly resetDuplicated: number
  /** Sums two tallies; `atReset` counts all of `other`'s losses as the crash's. */
  add(other: Tally, atReset?: boolean): Tally
}

/**
 * Tallies one stream: `sent` numbers (`0 … sent-1`) against the lists where they arrived (one list
 * per receiver, e.g. the server before and after a crash), each in arrival order.
 */
export function tally(sent: number, lists: readonly (readonly number[])[]): Tally {
  const seen = new Set<number>()
  let duplicated = 0
  let outOfOrder = 0
  let resetDuplicated = 0
  lists.forEach((list, index) => {
    const here = new Set<number>()
    let highest = -1
    for (const n of list) {
      if (here.has(n)) {
        duplicated++
        continue
      }
      here.add(n)
      if (seen.has(n)) {
        // Arrived in an earlier list already: a second delivery across the crash.
        duplicated++
        if (index > 0) resetDuplicated++
        continue
      }
      seen.add(n)
      if (n < highest) outOfOrder++
      highest = Math.max(highest, n)
    }
  })
  const delivered = [...seen].filter((n) => n >= 0 && n < sent).length
  return make({
    sent,
    delivered,
    lost: sent - delivered,
    duplicated,
    outOfOrder,
    resetLost: 0,
    resetDuplicated,
  })
}

type Counts = Omit<Tally, 'add'>

function make(counts: Counts): Tally {
  return {
    ...counts,
    add(other, atReset = false) {
      return make({
        sent: counts.sent + other.sent,
        delivered: counts.delivered + other.delivered,
        lost: counts.lost + other.lost,
        duplicated: counts.duplicated + other.duplicated,
        outOfOrder: counts.outOfOrder + other.outOfOrder,
        resetLost: counts.resetLost + other.resetLost + (atReset ? other.lost : 0),
        resetDuplicated: counts.resetDuplicated + other.resetDuplicated,
      })
    },
  }
}
