import type { ReactNode } from 'react'
import type { ChatEntry } from './chatLog.js'
import { formatClock } from './format.js'
import { ScrollBox } from './ScrollBox.js'
import { useScrollToEnd } from './useScrollToEnd.js'

export interface ChatLogProps {
  /** Oldest first. */
  entries: readonly ChatEntry[]
}

type Message = Extract<ChatEntry, { kind: 'message' }>

/** What a message of ours says about its delivery, in words (not only in colour), or `null`. */
function deliveryNote(entry: Message): string | null {
  if (entry.delivery === 'dropped') return `not delivered: ${entry.reason ?? 'the queue was full'}`
  if (entry.delivery === 'refused')
    return `not delivered: ${entry.reason ?? 'refused by the server'}`
  if (entry.delivery === 'pending') return entry.queued ? 'queued' : 'sending…'
  return null
}

/**
 * Messages and join / leave notices, as plain text, in a live region (`role="log"`): new lines are
 * announced as they arrive. A message item carries `data-pending` ('true' until the server echoed
 * it) and `data-delivery`; a notice has `data-kind="notice"`. A message that will never be
 * delivered (dropped, refused) says so, and why, in the line itself.
 */
export function ChatLog({ entries }: ChatLogProps): ReactNode {
  const ref = useScrollToEnd<HTMLElement>(entries)
  return (
    <ScrollBox label="Chat log" live className="chat-log" boxRef={ref}>
      <ol data-testid="chat-log">
        {entries.map((entry) => {
          if (entry.kind === 'notice') {
            return (
              <li key={`notice:${entry.id}`} className="notice" data-kind="notice">
                {entry.text}
              </li>
            )
          }
          const note = deliveryNote(entry)
          return (
            <li
              key={`message:${entry.id}`}
              className={entry.own ? 'message own' : 'message'}
              data-kind="message"
              data-pending={entry.delivery === 'pending'}
              data-delivery={entry.delivery}
            >
              <time dateTime={new Date(entry.at).toISOString()}>
                {formatClock(entry.at).slice(0, 8)}
              </time>{' '}
              <span className="name">{entry.name}:</span> <span className="text">{entry.text}</span>
              {note !== null && (
                <span
                  className="delivery"
                  data-testid={entry.delivery === 'pending' ? undefined : 'undelivered'}
                >
                  {' '}
                  · {note}
                </span>
              )}
            </li>
          )
        })}
      </ol>
    </ScrollBox>
  )
}
