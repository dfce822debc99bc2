import type { ReactNode } from 'react'
import { formatClock } from './format.js'
import type { TimelineEntry } from './timeline.js'

export interface TimelineProps {
  /** Newest first. */
  entries: readonly TimelineEntry[]
}

/** The lifecycle events as a list, newest first; each item has `data-type` = the event type. */
export function Timeline({ entries }: TimelineProps): ReactNode {
  return (
    <ol className="timeline" data-testid="timeline" aria-label="Timeline">
      {entries.map((entry) => (
        <li key={entry.id} data-type={entry.type}>
          <time dateTime={new Date(entry.at).toISOString()}>{formatClock(entry.at)}</time>{' '}
          <span>{entry.text}</span>
        </li>
      ))}
    </ol>
  )
}
