import { type ReactNode, useState } from 'react'
import { ChatComposer } from './ChatComposer.js'
import { ChatHeader } from './ChatHeader.js'
import { ChatLog } from './ChatLog.js'
import { countQueued } from './chatLog.js'
import { JoinForm } from './JoinForm.js'
import { LifecyclePanel } from './LifecyclePanel.js'
import type { ChatRoomApi } from './useChatRoom.js'
import { useDeliveryNews } from './useDeliveryNews.js'

export interface ChatRoomViewProps {
  /** The room's state and actions, from `useChatRoom`: whoever holds it keeps the connection. */
  room: ChatRoomApi
}

/**
 * The chat room's page: Join with a name and a room, then talk, beside the connection's lifecycle
 * panel (with its session: resumed or new). Messages typed while the link is down show as queued
 * until delivered. Status, new lines and deliveries are announced to screen readers; Join moves the
 * focus to the message box, Leave back to Name.
 */
export function ChatRoomView({ room }: ChatRoomViewProps): ReactNode {
  const { membership, log, ws, join, say, leave } = room
  const [left, setLeft] = useState(false)
  const news = useDeliveryNews(log)
  if (membership === null) return <JoinForm onJoin={join} focusOnMount={left} />
  // The user's own count, whatever else waits in the queue; never more than the queue holds
  // (a 'drop-oldest' overflow may have taken some of them out).
  const queued = Math.min(countQueued(log), ws.queued)
  return (
    <div className="with-panel">
      <section className="chat" aria-label={`Chat room ${membership.room}`}>
        <ChatHeader
          room={membership.room}
          name={membership.name}
          status={ws.status}
          queued={queued}
          onLeave={() => {
            leave()
            setLeft(true)
          }}
        />
        <ChatLog entries={log.entries} />
        <p className="visually-hidden" role="status" data-testid="chat-news">
          <span key={news.id}>{news.text}</span>
        </p>
        <ChatComposer onSend={say} />
      </section>
      <LifecyclePanel state={ws} lifeline={ws.lifeline} />
    </div>
  )
}
