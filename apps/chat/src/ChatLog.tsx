import type { ReactNode } from 'react'
import type { ChatEntry } from './chatLog.js'
import { formatClock } from './format.js'
import { useScrollToEnd } from './useScrollToEnd.js'

export interface ChatLogProps {
  /** Oldest first. */
  entries: readonly ChatEntry[]
}

const TITLES = {
  pending: 'waiting for the connection',
  delivered: '',
  dropped: 'not sent: the queue was full',
  refused: 'refused by the server',
}

/**
 * Messages and join / leave notices, as plain text. A message item carries `data-pending`
 * ('true' until the server echoed it) and `data-delivery`; a notice has `data-kind="notice"`.
 * A message that will never be delivered (dropped, refused) says so, and why, in the line itself.
 */
export function ChatLog({ entries }: ChatLogProps): ReactNode {
  const ref = useScrollToEnd<HTMLOListElement>(entries)
  return (
    <ol ref={ref} className="chat-log" data-testid="chat-log" aria-label="Chat log">
      {entries.map((entry) =>
        entry.kind === 'notice' ? (
          <li key={`notice:${entry.id}`} className="notice" data-kind="notice">
            {entry.text}
          </li>
        ) : (
          <li
            key={`message:${entry.id}`}
            className={entry.own ? 'message own' : 'message'}
            data-kind="message"
            data-pending={entry.delivery === 'pending'}
            data-delivery={entry.delivery}
            title={TITLES[entry.delivery] || undefined}
          >
            <time dateTime={new Date(entry.at).toISOString()}>
              {formatClock(entry.at).slice(0, 8)}
            </time>{' '}
            <span className="name">{entry.name}:</span> <span className="text">{entry.text}</span>
            {(entry.delivery === 'dropped' || entry.delivery === 'refused') && (
              <span className="undelivered" data-testid="undelivered">
                {' '}
                (not delivered: {entry.reason ?? TITLES[entry.delivery]})
              </span>
            )}
          </li>
        ),
      )}
    </ol>
  )
}
