import type { Lifeline } from '@lifeline/core'
import { useEffect, useRef, useState } from 'react'
import { addEvent, TIMELINE_CAP, type TimelineEntry } from './timeline.js'

/** Anything that reports lifecycle events: a core `Lifeline`, or a fake in a story. */
export type LifecycleSource = Pick<Lifeline, 'onEvent'>

/**
 * The lifecycle events of `source` as timeline entries, newest first, at most `cap`. Subscribes
 * after mount and again whenever `source` is another instance (a new URL makes a new connection);
 * the entries already shown stay, so the timeline tells the whole story of the page.
 */
export function useTimeline(
  source: LifecycleSource | null,
  cap = TIMELINE_CAP,
): readonly TimelineEntry[] {
  const [entries, setEntries] = useState<readonly TimelineEntry[]>([])
  const nextId = useRef(0)
  useEffect(() => {
    if (source === null) return
    return source.onEvent((event) => {
      // Drawn outside the updater: StrictMode may call an updater twice.
      const id = ++nextId.current
      setEntries((list) => addEvent(list, event, id, cap))
    })
  }, [source, cap])
  return entries
}
