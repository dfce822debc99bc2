/** A clock and timers that move only when a test says so; fits `LifelineOptions.timers`. */
export interface ManualTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  now(): number
  /** Moves the clock forward, running every timer that falls due, in order. */
  advance(ms: number): void
  /** Moves the clock forward WITHOUT running timers: a suspended tab or a sleeping laptop. */
  skip(ms: number): void
  /** Runs the next timer at once (the clock jumps to it); `false` when none is armed. */
  runNext(): boolean
  /** Timers still armed. */
  pending(): number
}

interface Entry {
  readonly id: number
  readonly at: number
  readonly callback: () => void
}

/** Creates manual timers starting at `start` (a `Date.now()`-like value). */
export function createManualTimers(start = 1_000_000): ManualTimers {
  let now = start
  let nextId = 1
  const entries = new Map<number, Entry>()

  const due = (limit: number): Entry | undefined => {
    let first: Entry | undefined
    for (const entry of entries.values()) {
      if (entry.at <= limit && (first === undefined || entry.at < first.at)) first = entry
    }
    return first
  }

  const fire = (entry: Entry): void => {
    entries.delete(entry.id)
    now = Math.max(now, entry.at)
    entry.callback()
  }

  return {
    setTimeout(callback, ms) {
      const id = nextId++
      entries.set(id, { id, at: now + Math.max(0, ms), callback })
      return id
    },
    clearTimeout(handle) {
      entries.delete(handle as number)
    },
    now: () => now,
    advance(ms) {
      const target = now + ms
      for (let entry = due(target); entry !== undefined; entry = due(target)) fire(entry)
      now = target
    },
    skip(ms) {
      now += ms
    },
    runNext() {
      const entry = due(Number.POSITIVE_INFINITY)
      if (entry === undefined) return false
      fire(entry)
      return true
    },
    pending: () => entries.size,
  }
}
