import { rethrowLater } from './util.js'

/** A list of listeners that one throwing listener cannot break. */
export interface Listeners<A, B> {
  /** Adds `listener` (once, however often it is added); returns the function that removes it. */
  add(listener: (a: A, b: B) => void): () => void
  /** Calls every listener; a throw is rethrown on its own stack and the others still run. */
  emit(a: A, b: B): void
  readonly size: number
  clear(): void
}

/**
 * Creates a listener list. It is copied when changed rather than when called: messages call it for
 * every frame, and a listener that unsubscribes (or adds another) while it runs changes only the
 * next call.
 */
export function createListeners<A, B = undefined>(): Listeners<A, B> {
  let list: readonly ((a: A, b: B) => void)[] = []
  return {
    add(listener) {
      if (!list.includes(listener)) list = [...list, listener]
      return () => {
        list = list.filter((other) => other !== listener)
      }
    },
    emit(a, b) {
      const current = list
      for (let i = 0; i < current.length; i++) {
        try {
          ;(current[i] as (a: A, b: B) => void)(a, b)
        } catch (error) {
          rethrowLater(error)
        }
      }
    },
    get size() {
      return list.length
    },
    clear() {
      list = []
    },
  }
}
