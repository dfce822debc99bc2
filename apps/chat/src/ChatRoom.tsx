import type { UseWebSocketOptions } from '@lifeline/react'
import type { ReactNode } from 'react'
import { ChatComposer } from './ChatComposer.js'
import { ChatHeader } from './ChatHeader.js'
import { ChatLog } from './ChatLog.js'
import { DEFAULT_CONFIG, type DemoConfig } from './config.js'
import { JoinForm } from './JoinForm.js'
import type { ServerMessage } from './protocol.js'
import { useChatRoom } from './useChatRoom.js'

export interface ChatRoomProps {
  /** Server, heartbeat and reconnect settings. Default `DEFAULT_CONFIG`. */
  config?: DemoConfig | undefined
  /** Merged over the room's own options (a fake `WebSocket`, `watchNetwork: false`, `share`…). */
  options?: UseWebSocketOptions<ServerMessage> | undefined
}

/**
 * The chat room: Join with a name and a room, then talk. Survives lost links: the room is joined
 * again on every new socket, and messages typed meanwhile show as pending until delivered.
 */
export function ChatRoom({ config = DEFAULT_CONFIG, options }: ChatRoomProps): ReactNode {
  const { session, log, ws, join, say, leave } = useChatRoom(config, options)
  if (session === null) return <JoinForm onJoin={join} />
  return (
    <section className="chat">
      <ChatHeader
        room={session.room}
        name={session.name}
        status={ws.status}
        queued={ws.queued}
        onLeave={leave}
      />
      <ChatLog entries={log.entries} />
      <ChatComposer onSend={say} />
    </section>
  )
}
