import type { Lifeline } from '@lifeline/core'
import { useEffect, useRef, useState } from 'react'
import { describeNetworkChange } from './describeState.js'
import { addEntry, addEvent, TIMELINE_CAP, type TimelineEntry } from './timeline.js'

/** Anything that reports lifecycle events and holds a state: a core `Lifeline`, or a fake in a story. */
export type LifecycleSource = Pick<Lifeline, 'onEvent' | 'store'>

/**
 * The lifecycle events of `source` as timeline entries, newest first, at most `cap`, with a line
 * for each change of the network (the engine reports those in its state, not as events: going
 * offline pauses retries, and the timeline says so). Subscribes after mount and again whenever
 * `source` is another instance (a new URL makes a new connection); the entries already shown stay,
 * so the timeline tells the whole story of the page.
 */
export function useTimeline(
  source: LifecycleSource | null,
  cap = TIMELINE_CAP,
): readonly TimelineEntry[] {
  const [entries, setEntries] = useState<readonly TimelineEntry[]>([])
  const nextId = useRef(0)
  useEffect(() => {
    if (source === null) return
    let online = source.store.getState().online
    const stopEvents = source.onEvent((event) => {
      // Drawn outside the updater: StrictMode may call an updater twice.
      const id = ++nextId.current
      setEntries((list) => addEvent(list, event, id, cap))
    })
    const stopState = source.store.subscribe((state) => {
      if (state.online === online) return
      online = state.online
      const entry: TimelineEntry = {
        id: ++nextId.current,
        type: 'network',
        at: Date.now(),
        text: describeNetworkChange(state.online, state.status),
      }
      setEntries((list) => addEntry(list, entry, cap))
    })
    return () => {
      stopEvents()
      stopState()
    }
  }, [source, cap])
  return entries
}
