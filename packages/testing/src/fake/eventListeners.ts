import type {
  FakeEvent,
  FakeEventType,
  FakeListener,
  FakeListenerOptions,
} from './fakeSocketEvents.js'

type AnyListener = FakeListener<FakeEvent>

/** A DOM-like listener registry: what `FakeSocket` uses for `addEventListener` and dispatch. */
export interface EventListeners {
  /** Adds a listener once per type (duplicates are ignored, as in the DOM); honours `once` and `signal`. */
  add(type: FakeEventType, listener: AnyListener, options?: boolean | FakeListenerOptions): void
  /** Removes a listener; unknown ones are ignored. */
  remove(type: FakeEventType, listener: AnyListener): void
  /** How many listeners are attached for `type`. */
  count(type: FakeEventType): number
  /**
   * Calls the listeners attached at this moment, then `handler` (an `on<type>` property). A listener
   * that throws does not stop the others; the first error is rethrown afterwards.
   */
  dispatch(event: FakeEvent, thisArg: unknown, handler: AnyListener | null): void
}

/** Creates an empty {@link EventListeners}. */
export function createEventListeners(): EventListeners {
  const byType = new Map<FakeEventType, Array<{ listener: AnyListener; once: boolean }>>()
  const entries = (type: FakeEventType): Array<{ listener: AnyListener; once: boolean }> => {
    let list = byType.get(type)
    if (!list) {
      list = []
      byType.set(type, list)
    }
    return list
  }
  const remove = (type: FakeEventType, listener: AnyListener): void => {
    const list = entries(type)
    const index = list.findIndex((entry) => entry.listener === listener)
    if (index >= 0) list.splice(index, 1)
  }

  return {
    add: (type, listener, options) => {
      const { once = false, signal } = typeof options === 'object' ? options : {}
      if (signal?.aborted) return
      const list = entries(type)
      if (list.some((entry) => entry.listener === listener)) return
      list.push({ listener, once })
      signal?.addEventListener('abort', () => remove(type, listener), { once: true })
    },
    remove,
    count: (type) => entries(type).length,
    dispatch: (event, thisArg, handler) => {
      const errors: unknown[] = []
      const call = (listener: AnyListener): void => {
        try {
          if (typeof listener === 'function') listener.call(thisArg, event)
          else listener.handleEvent(event)
        } catch (error) {
          errors.push(error)
        }
      }
      const list = entries(event.type)
      for (const entry of [...list]) {
        // Removed by an earlier listener of this same dispatch: the DOM skips it too.
        if (!list.includes(entry)) continue
        if (entry.once) remove(event.type, entry.listener)
        call(entry.listener)
      }
      if (handler) call(handler)
      if (errors.length > 0) throw errors[0]
    },
  }
}
