import type { UseWebSocketOptions } from '@lifeline/react'
import type { ReactNode } from 'react'
import { ChatRoomView } from './ChatRoomView.js'
import { DEFAULT_CONFIG, type DemoConfig } from './config.js'
import type { ServerMessage } from './protocol.js'
import { useChatRoom } from './useChatRoom.js'

export interface ChatRoomProps {
  /** Server, heartbeat, reconnect and session settings. Default `DEFAULT_CONFIG`. */
  config?: DemoConfig | undefined
  /** Merged over the room's own options (a fake `WebSocket`, `watchNetwork: false`, `share`…). */
  options?: UseWebSocketOptions<ServerMessage> | undefined
}

/**
 * The chat room with its own connection, which lives as long as this component: for stories and
 * tests. The demo's `App` holds the room itself, so that switching pages keeps the connection.
 */
export function ChatRoom({ config = DEFAULT_CONFIG, options }: ChatRoomProps): ReactNode {
  return <ChatRoomView room={useChatRoom(config, options)} />
}
