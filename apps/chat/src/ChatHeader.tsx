import type { Status } from '@lifeline/core'
import type { ReactNode } from 'react'
import { StatusBadge } from './StatusBadge.js'

export interface ChatHeaderProps {
  room: string
  name: string
  status: Status
  /** Messages waiting for the link. */
  queued: number
  onLeave: () => void
}

/** The room, who we are, the connection status and what waits in the queue. */
export function ChatHeader({ room, name, status, queued, onLeave }: ChatHeaderProps): ReactNode {
  return (
    <header className="chat-header">
      <h2>#{room}</h2>
      <span className="muted">as {name}</span>
      <StatusBadge status={status} testId="chat-status" />
      {queued > 0 && <span data-testid="chat-queued">{queued} queued</span>}
      <button type="button" className="push-right" onClick={onLeave}>
        Leave
      </button>
    </header>
  )
}
