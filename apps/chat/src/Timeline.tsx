import type { ReactNode } from 'react'
import { formatClock } from './format.js'
import { ScrollBox } from './ScrollBox.js'
import type { TimelineEntry } from './timeline.js'

export interface TimelineProps {
  /** Newest first. */
  entries: readonly TimelineEntry[]
}

/**
 * The lifecycle events as a list, newest first; each item has `data-type` = the event type. Not a
 * live region: pings and pongs every few seconds would drown everything else a screen reader says
 * (the status has its own region).
 */
export function Timeline({ entries }: TimelineProps): ReactNode {
  return (
    <ScrollBox label="Timeline" className="timeline">
      <ol data-testid="timeline">
        {entries.map((entry) => (
          <li key={entry.id} data-type={entry.type}>
            <time dateTime={new Date(entry.at).toISOString()}>{formatClock(entry.at)}</time>{' '}
            <span>{entry.text}</span>
          </li>
        ))}
      </ol>
    </ScrollBox>
  )
}
