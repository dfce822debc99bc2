import { type UseWebSocketOptions, useWebSocket, type WebSocketResult } from '@lifeline/react'
import { useEffect, useReducer, useState } from 'react'
import { type ChatLog, chatLogReducer, EMPTY_CHAT_LOG } from './chatLog.js'
import type { DemoConfig } from './config.js'
import { createId } from './createId.js'
import { type ClientMessage, HEARTBEAT, type ServerMessage } from './protocol.js'

/** Who we are in which room. */
export interface ChatSession {
  readonly name: string
  readonly room: string
}

/** What the chat room's view needs. */
export interface ChatRoomApi {
  /** `null` until Join. */
  readonly session: ChatSession | null
  readonly log: ChatLog
  /** The connection (`status`, `queued`…); idle while there is no session. */
  readonly ws: WebSocketResult<ServerMessage, ClientMessage>
  join(session: ChatSession): void
  /**
   * Sends `text` and shows it at once: pending until the server echoes it, queued by Lifeline
   * while the link is down, or marked as not sent when the queue refused it.
   */
  say(text: string): void
  leave(): void
}

/**
 * The chat room's session over one shared connection to `${server}/chat`, made at Join. The
 * `join` frame is the connection's `hello`: the first frame of every new socket, before the
 * messages typed meanwhile, so the server knows who we are before it reads them.
 */
export function useChatRoom(
  config: DemoConfig,
  options?: UseWebSocketOptions<ServerMessage>,
): ChatRoomApi {
  const [session, setSession] = useState<ChatSession | null>(null)
  const [log, dispatch] = useReducer(chatLogReducer, EMPTY_CHAT_LOG)
  const ws = useWebSocket<ServerMessage, ClientMessage>(
    session === null ? null : `${config.server}/chat`,
    {
      heartbeat: {
        interval: config.interval,
        timeout: config.timeout,
        message: HEARTBEAT.ping,
        isPong: (data) => data === HEARTBEAT.pong,
      },
      reconnect: { minDelay: config.minDelay },
      share: 'chat',
      hello: () => (session === null ? undefined : JSON.stringify(joinFrame(session))),
      ...options,
      onMessage: (data, json) => {
        dispatch({ type: 'server', message: json, at: Date.now() })
        options?.onMessage?.(data, json)
      },
    },
  )
  const line = ws.lifeline

  // The queue goes out when the link opens: what the user queued no longer waits in it.
  useEffect(() => {
    if (line === null) return
    return line.onEvent((event) => {
      if (event.type === 'status' && event.status === 'open') dispatch({ type: 'flushed' })
    })
  }, [line])

  return {
    session,
    log,
    ws,
    join(next) {
      dispatch({ type: 'reset' })
      setSession(next)
    },
    say(text) {
      if (session === null) return
      const id = createId()
      const result = ws.sendJson({ type: 'say', id, text })
      dispatch({ type: 'say', id, name: session.name, text, at: Date.now(), result })
    },
    leave() {
      ws.sendJson({ type: 'leave' })
      setSession(null)
    },
  }
}

const joinFrame = (session: ChatSession): ClientMessage => ({ type: 'join', ...session })
