/** How a sliced run is driven; injected so the slicing is tested without timers. */
export interface SliceScheduler {
  /** The clock in ms. */
  now(): number
  /** Runs `fn` after `delay` ms, the event loop having had its turn (I/O, timers); returns a cancel. */
  defer(fn: () => void, delay: number): () => void
}

/** Options of {@link runSliced}. */
export interface SlicedRunOptions<T> {
  /**
   * What to visit. A live iterator (a `Map`'s `keys()`) rather than a copy: a copy of 10,000
   * entries kept for the length of a sweep outlives the young generation and is collected later
   * by a full collection of the heap, a stall of its own.
   */
  readonly items: Iterator<T>
  /** Called once per item, in order. */
  readonly visit: (item: T) => void
  /** Most items one slice visits. */
  readonly perSlice: number
  /** How long one slice may run before it yields anyway, in ms. */
  readonly budget: number
  /** Pause between two slices, in ms. */
  readonly gap: number
  readonly scheduler: SliceScheduler
  /** Called once every item was visited. */
  readonly done?: () => void
}

/** Items visited between two looks at the clock: reading it costs more than most visits. */
const CLOCK_EVERY = 32

/** The default scheduler: timers, so sockets are read and written between two slices. */
export const TIMERS: SliceScheduler = {
  now: () => performance.now(),
  defer(fn, delay) {
    const timer = setTimeout(fn, delay)
    // A sweep's slice alone must not keep a process alive, as the sweep's interval does not.
    timer.unref?.()
    return () => clearTimeout(timer)
  },
}

/**
 * Visits `items` in slices of at most `perSlice` items and about `budget` ms, `gap` ms apart, so a
 * sweep over 10,000 sockets never holds the event loop for long and its work (and the pongs that
 * answer it) is spread over time instead of landing all at once. The first slice runs at once.
 *
 * @returns A cancel: no item is visited after it (not even by a slice under way), and `done` is
 * never called.
 */
export function runSliced<T>(options: SlicedRunOptions<T>): () => void {
  const { items, visit, perSlice, budget, gap, scheduler, done } = options
  let cancelled = false
  let finished = false
  let cancelNext: (() => void) | undefined
  const slice = (): void => {
    cancelNext = undefined
    const deadline = scheduler.now() + budget
    for (let visited = 0; !cancelled && visited < Math.max(1, perSlice); ) {
      const next = items.next()
      if (next.done) {
        finished = true
        break
      }
      visit(next.value)
      if (++visited % CLOCK_EVERY === 0 && scheduler.now() >= deadline) break
    }
    if (cancelled) return
    if (finished) done?.()
    else cancelNext = scheduler.defer(slice, gap)
  }
  slice()
  return () => {
    cancelled = true
    cancelNext?.()
  }
}
