import { rethrowLater } from './util.js'

/** A list of listeners that one throwing listener cannot break. */
export interface Listeners<A, B> {
  /** Adds `listener` (once, however often it is added); returns the function that removes it. */
  add(listener: (a: A, b: B) => void): () => void
  /**
   * Calls every listener; a throw is rethrown on its own stack and the others still run. Needs no
   * `this`: it can be passed on as a plain function.
   */
  emit(a: A, b?: B): void
  readonly size: number
  clear(): void
}

/**
 * Creates a listener list. As with DOM events, a listener removed while the list is being called
 * is not called.
 */
export function createListeners<A, B = undefined>(): Listeners<A, B> {
  const set = new Set<(a: A, b: B) => void>()
  return {
    add(listener) {
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    },
    emit(a, b) {
      for (const listener of set) {
        try {
          listener(a, b as B)
        } catch (error) {
          rethrowLater(error)
        }
      }
    },
    get size() {
      return set.size
    },
    clear() {
      set.clear()
    },
  }
}
