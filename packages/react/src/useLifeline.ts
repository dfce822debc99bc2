import type { ConnectionState, Lifeline } from '@lifeline/core'
import { useMemo, useSyncExternalStore } from 'react'

/**
 * Subscribes a component to any Lifeline connection (or any store of its shape) through a
 * selector; the component re-renders only when the selected value changes (`Object.is`).
 *
 * @example
 * ```tsx
 * const line = createLifeline(url, { WebSocket })
 * function Badge() {
 *   const status = useLifeline(line, (s) => s.status)
 *   return <span>{status}</span>
 * }
 * ```
 */
export function useLifeline<In, T>(
  line: { readonly store: Pick<Lifeline<In>['store'], 'getState' | 'subscribe'> },
  selector: (state: ConnectionState<In>) => T,
): T {
  const { store } = line
  const getSelection = useMemo(() => {
    let seen: ConnectionState<In> | undefined
    let selected: T
    return (): T => {
      const state = store.getState()
      if (state !== seen) {
        seen = state
        selected = selector(state)
      }
      return selected
    }
  }, [store, selector])
  return useSyncExternalStore(store.subscribe, getSelection, getSelection)
}
