import type { Status } from '@lifeline/core'
import type { ReactNode } from 'react'
import { LiveStatus } from './LiveStatus.js'

export interface ChatHeaderProps {
  room: string
  name: string
  status: Status
  /** Messages the user typed that wait in the queue for the link (not the room's own frames). */
  queued: number
  onLeave: () => void
}

/**
 * The room, who we are, the connection status and how many of the user's messages wait for the
 * link; status and count sit in one live region, so a change of either is announced.
 */
export function ChatHeader({ room, name, status, queued, onLeave }: ChatHeaderProps): ReactNode {
  return (
    <header className="chat-header">
      <h2>#{room}</h2>
      <span className="muted">as {name}</span>
      <LiveStatus status={status} testId="chat-status">
        {queued > 0 && (
          <span className="queued" data-testid="chat-queued">
            {queued} queued
          </span>
        )}
      </LiveStatus>
      <button type="button" className="push-right" onClick={onLeave}>
        Leave
      </button>
    </header>
  )
}
