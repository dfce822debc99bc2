/** Records which fields of a state a reader used, to notify it only when one of those changes. */
export interface Tracker<S extends object> {
  /**
   * Wraps `result` so that reading one of the tracked `fields` records it. Spreading or iterating
   * the result reads every field, which is then tracked: the answer stays correct, only less lazy.
   */
  track<R extends object>(result: R): R
  /** Whether a field read so far differs between the two states (`Object.is`). */
  changed(prev: S, next: S): boolean
  /** The fields read so far. */
  read(): ReadonlySet<keyof S>
}

/**
 * Creates a tracker over the given field names. A component that reads only `status` is then not
 * woken by messages or pongs: the TanStack Query `trackResult` idea, kept out of the React layer.
 */
export function createTracker<S extends object>(fields: readonly (keyof S)[]): Tracker<S> {
  const known = new Set<PropertyKey>(fields)
  const used = new Set<keyof S>()
  return {
    track(result) {
      return new Proxy(result, {
        get(target, key, receiver) {
          if (known.has(key)) used.add(key as keyof S)
          return Reflect.get(target, key, receiver)
        },
      })
    },
    changed(prev, next) {
      for (const key of used) if (!Object.is(prev[key], next[key])) return true
      return false
    },
    read: () => used,
  }
}
