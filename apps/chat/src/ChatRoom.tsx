import type { UseWebSocketOptions } from '@lifeline/react'
import { type ReactNode, useState } from 'react'
import { ChatComposer } from './ChatComposer.js'
import { ChatHeader } from './ChatHeader.js'
import { ChatLog } from './ChatLog.js'
import { countQueued } from './chatLog.js'
import { DEFAULT_CONFIG, type DemoConfig } from './config.js'
import { JoinForm } from './JoinForm.js'
import type { ServerMessage } from './protocol.js'
import { useChatRoom } from './useChatRoom.js'
import { useDeliveryNews } from './useDeliveryNews.js'

export interface ChatRoomProps {
  /** Server, heartbeat and reconnect settings. Default `DEFAULT_CONFIG`. */
  config?: DemoConfig | undefined
  /** Merged over the room's own options (a fake `WebSocket`, `watchNetwork: false`, `share`…). */
  options?: UseWebSocketOptions<ServerMessage> | undefined
}

/**
 * The chat room: Join with a name and a room, then talk. Survives lost links: the room is joined
 * again on every new socket, and messages typed meanwhile show as queued until delivered. Status,
 * new lines and deliveries are announced to screen readers; Join moves the focus to the message
 * box, Leave back to Name.
 */
export function ChatRoom({ config = DEFAULT_CONFIG, options }: ChatRoomProps): ReactNode {
  const { session, log, ws, join, say, leave } = useChatRoom(config, options)
  const [left, setLeft] = useState(false)
  const news = useDeliveryNews(log)
  if (session === null) return <JoinForm onJoin={join} focusOnMount={left} />
  // The user's own count, whatever else waits in the queue; never more than the queue holds
  // (a 'drop-oldest' overflow may have taken some of them out).
  const queued = Math.min(countQueued(log), ws.queued)
  return (
    <section className="chat" aria-label={`Chat room ${session.room}`}>
      <ChatHeader
        room={session.room}
        name={session.name}
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
  )
}
