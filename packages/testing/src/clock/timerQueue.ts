/** One armed timer: due at `at` (a clock value). */
export interface QueuedTimer {
  readonly id: number
  readonly at: number
  readonly callback: () => void
}

/** The armed timers of a manual clock, in the order they fall due. */
export interface TimerQueue {
  /** Arms `callback` at `at`; returns its handle. */
  add(at: number, callback: () => void): number
  /** Disarms a timer; unknown handles are ignored. */
  remove(handle: unknown): void
  /**
   * Runs the first timer due by `limit` (the earliest armed first on a tie): `moveTo(at)` first (the clock goes to the timer's time),
   * then its callback. `false` when none is due.
   */
  runDue(limit: number, moveTo: (at: number) => void): boolean
  /** When the first timer is due, or `null`. */
  nextAt(): number | null
  readonly size: number
}

/** Creates an empty timer queue. */
export function createTimerQueue(): TimerQueue {
  let nextId = 1
  const entries = new Map<number, QueuedTimer>()
  const first = (limit: number): QueuedTimer | undefined => {
    let found: QueuedTimer | undefined
    for (const entry of entries.values()) {
      if (entry.at <= limit && (found === undefined || entry.at < found.at)) found = entry
    }
    return found
  }
  return {
    add(at, callback) {
      const id = nextId++
      entries.set(id, { id, at, callback })
      return id
    },
    remove(handle) {
      if (typeof handle === 'number') entries.delete(handle)
    },
    runDue(limit, moveTo) {
      const entry = first(limit)
      if (entry === undefined) return false
      entries.delete(entry.id)
      moveTo(entry.at)
      entry.callback()
      return true
    },
    nextAt: () => first(Number.POSITIVE_INFINITY)?.at ?? null,
    get size() {
      return entries.size
    },
  }
}
