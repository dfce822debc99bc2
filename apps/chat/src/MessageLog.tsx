import type { ReactNode } from 'react'
import { ScrollBox } from './ScrollBox.js'
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

/**
 * The lab's message log, `→ sent` and `← received`, as plain text, in a live region
 * (`role="log"`): a screen reader hears each new line without leaving what it was reading.
 */
export function MessageLog({ entries }: MessageLogProps): ReactNode {
  const ref = useScrollToEnd<HTMLElement>(entries)
  return (
    <ScrollBox label="Log" live className="log" boxRef={ref}>
      <ol data-testid="log">
        {entries.map((entry) => (
          <li key={entry.id} className={`log-${entry.direction}`}>
            {`${entry.direction === 'out' ? '→' : '←'} ${entry.text}`}
          </li>
        ))}
      </ol>
    </ScrollBox>
  )
}
