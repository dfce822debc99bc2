import {
  type ConnectionState,
  createTracker,
  initialState,
  type Lifeline,
  STATE_FIELDS,
  type Tracker,
} from '@lifeline/core'
import { useMemo, useState, useSyncExternalStore } from 'react'

const IDLE: ConnectionState<never> = initialState(true)

/**
 * The state of `line` as this component sees it, re-rendering only when a field it read changed.
 * A connection about to start (created in render, started after commit) already reads
 * `'connecting'`, so a status badge renders twice in all: mount and open. The server snapshot is the
 * plain state, so a server render and hydration say `'idle'`.
 */
export function useTrackedState<In>(
  line: Lifeline<In, unknown> | null,
  starting: boolean,
): { state: ConnectionState<In>; tracker: Tracker<ConnectionState<In>> } {
  const [tracker] = useState(() => createTracker<ConnectionState<In>>(STATE_FIELDS))
  const source = useMemo(() => {
    const store = line?.store
    const plain = (): ConnectionState<In> => store?.getState() ?? IDLE
    let seen: ConnectionState<In> | undefined
    let view = plain()
    const snapshot = (): ConnectionState<In> => {
      const state = plain()
      if (state !== seen) {
        seen = state
        view = starting && state.status === 'idle' ? { ...state, status: 'connecting' } : state
      }
      return view
    }
    const subscribe = (notify: () => void): (() => void) => {
      if (store === undefined) return () => {}
      let last = snapshot()
      return store.subscribe(() => {
        const next = snapshot()
        const wake = tracker.changed(last, next)
        last = next
        if (wake) notify()
      })
    }
    return { subscribe, snapshot, plain }
  }, [line, starting, tracker])
  const state = useSyncExternalStore(source.subscribe, source.snapshot, source.plain)
  return { state, tracker }
}
