import type { CloseInfo } from '@lifeline/core'
import { type UseWebSocketOptions, useWebSocket, type WebSocketResult } from '@lifeline/react'
import { useEffect, useReducer, useState } from 'react'
import { type ChatLog, chatLogReducer, EMPTY_CHAT_LOG } from './chatLog.js'
import type { DemoConfig } from './config.js'
import { createId } from './createId.js'
import { CHAT_QUEUE, type ClientMessage, HEARTBEAT, type ServerMessage } from './protocol.js'

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
   * Shows `text` as pending at once and sends it, queued by Lifeline while the link is down. It
   * stays pending until the server echoes it or refuses it; a line lost with a dead socket is sent
   * again on the next one (the server posts a line once, however often it arrives).
   */
  say(text: string): void
  leave(): void
}

/**
 * The chat room's session over one shared connection to `${server}/chat`, made at Join. The
 * `join` frame is the connection's `hello`: the first frame of every new socket, before the
 * messages typed meanwhile, so the server knows who we are before it reads them. With it go again
 * the lines a dead socket took without an answer.
 */
export function useChatRoom(
  config: DemoConfig,
  options?: UseWebSocketOptions<ServerMessage>,
): ChatRoomApi {
  const [session, setSession] = useState<ChatSession | null>(null)
  const [log, dispatch] = useReducer(chatLogReducer, EMPTY_CHAT_LOG)
  // Our reconnect key: a join that presents it takes our name back from a socket not yet swept.
  const [key] = useState(createId)
  // Our lines the server has neither echoed nor refused yet: ref → text, and whether a socket
  // took it (else it still waits in Lifeline's queue, which sends it on the next open anyway).
  const [unanswered] = useState(() => new Map<string, { text: string; taken: boolean }>())
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
      // The server lets a whole queue through at once after a reconnect: CHAT_QUEUE frames. The
      // newest is the one refused when it is full, so `send` says so and the line shows it.
      queue: { maxSize: CHAT_QUEUE, overflow: 'drop-newest' },
      share: 'chat',
      hello: () => {
        if (session === null) return undefined
        const again = [...unanswered].filter(([, line]) => line.taken)
        return [
          JSON.stringify(joinFrame(session, key)),
          ...again.map(([ref, { text }]) => JSON.stringify({ type: 'say', ref, text })),
        ]
      },
      ...options,
      onMessage: (data, json) => {
        const ref = (json as { ref?: unknown } | undefined)?.ref
        if (typeof ref === 'string') unanswered.delete(ref)
        dispatch({ type: 'server', message: json, at: Date.now() })
        options?.onMessage?.(data, json)
      },
    },
  )
  const line = ws.lifeline

  useEffect(() => {
    if (line === null || session === null) return
    return line.onEvent((event) => {
      if (event.type !== 'status') return
      if (event.status === 'open') {
        // The queue went out with the open: what the user queued is now on the socket.
        for (const waiting of unanswered.values()) waiting.taken = true
        dispatch({ type: 'flushed' })
      } else if (event.status === 'closed') {
        // Closed for good (1008, a 44xx code, no attempts left): nothing waiting will be delivered.
        unanswered.clear()
        dispatch({ type: 'closed', reason: closeReason(line.store.getState().lastClose) })
      }
    })
  }, [line, session, unanswered])

  return {
    session,
    log,
    ws,
    join(next) {
      dispatch({ type: 'reset' })
      unanswered.clear()
      setSession(next)
    },
    say(text) {
      if (session === null) return
      const ref = createId()
      const result = ws.sendJson({ type: 'say', ref, text })
      dispatch({ type: 'say', id: ref, name: session.name, text, at: Date.now(), result })
      if (result !== 'dropped') unanswered.set(ref, { text, taken: result === 'sent' })
    },
    leave() {
      ws.sendJson({ type: 'leave' })
      setSession(null)
    },
  }
}

const joinFrame = (session: ChatSession, key: string): ClientMessage => ({
  type: 'join',
  ...session,
  key,
})

/** The close in words, for the lines it left undelivered. */
function closeReason(close: CloseInfo | null): string {
  if (close === null) return 'the connection closed'
  return `the connection closed (${close.code}${close.reason ? `: ${close.reason}` : ''})`
}
