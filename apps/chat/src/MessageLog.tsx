import type { ReactNode } from 'react'
import { useScrollToEnd } from './useScrollToEnd.js'

/** One line of the lab's log: something we sent (`out`) or received (`in`). */
export interface LogEntry {
  readonly id: number
  readonly direction: 'out' | 'in'
  readonly text: string
}

export interface MessageLogProps {
  /** Oldest first. */
  entries: readonly LogEntry[]
}

/** The lab's message log, `→ sent` and `← received`, as plain text. */
export function MessageLog({ entries }: MessageLogProps): ReactNode {
  const ref = useScrollToEnd<HTMLOListElement>(entries)
  return (
    <ol ref={ref} className="log" data-testid="log" aria-label="Log">
      {entries.map((entry) => (
        <li key={entry.id} className={`log-${entry.direction}`}>
          {`${entry.direction === 'out' ? '→' : '←'} ${entry.text}`}
        </li>
      ))}
    </ol>
  )
}
