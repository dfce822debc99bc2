import type { CloseInfo } from '@lifeline/core'
import { session } from '@lifeline/core/session'
import { type UseWebSocketOptions, useWebSocket, type WebSocketResult } from '@lifeline/react'
import { useEffect, useReducer, useState } from 'react'
import { type ChatLog, chatLogReducer, EMPTY_CHAT_LOG } from './chatLog.js'
import type { DemoConfig } from './config.js'
import { createId } from './createId.js'
import { CHAT_QUEUE, type ClientMessage, HEARTBEAT, type ServerMessage } from './protocol.js'

/** Who we are in which room. */
export interface ChatMembership {
  readonly name: string
  readonly room: string
}

/** What the chat room's view needs. */
export interface ChatRoomApi {
  /** `null` until Join. */
  readonly membership: ChatMembership | null
  readonly log: ChatLog
  /** The connection (`status`, `queued`, `session`…); idle while not in a room. */
  readonly ws: WebSocketResult<ServerMessage, ClientMessage>
  join(membership: ChatMembership): void
  /**
   * Shows `text` as pending at once and sends it, queued by Lifeline while the link is down. It
   * stays pending until the server echoes it or refuses it. With a session, a line a dead socket
   * took is sent again by the session itself; without one, by the room on the next socket (the
   * server posts a line once, however often it arrives).
   */
  say(text: string): void
  leave(): void
}

/**
 * The chat room over one shared connection, made at Join: to `${server}/chat/session` with a
 * Lifeline session (`config.sessions`), so every line said while our link was down reaches us once
 * and in order when it is back, else to `${server}/chat`. The `join` frame is the connection's
 * `hello`: the first frame of every new socket, before the messages typed meanwhile, so the server
 * knows who we are before it reads them. When the server had forgotten our session (it restarted),
 * the log says that lines may be missing.
 */
export function useChatRoom(
  config: DemoConfig,
  options?: UseWebSocketOptions<ServerMessage>,
): ChatRoomApi {
  const [membership, setMembership] = useState<ChatMembership | null>(null)
  const [log, dispatch] = useReducer(chatLogReducer, EMPTY_CHAT_LOG)
  // Our reconnect key: a join that presents it takes our name back from a socket not yet swept.
  const [key] = useState(createId)
  // One session's options for the room's whole life; each connection holds its own session.
  const [chatSession] = useState(() => (config.sessions ? session() : undefined))
  // Without a session: our lines the server has neither echoed nor refused yet, ref → text, and
  // whether a socket took it (else it still waits in Lifeline's queue, which sends it anyway).
  const [unanswered] = useState(() => new Map<string, { text: string; taken: boolean }>())
  const path = chatSession === undefined ? '/chat' : '/chat/session'
  const ws = useWebSocket<ServerMessage, ClientMessage>(
    membership === null ? null : `${config.server}${path}`,
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
      ...(chatSession === undefined ? {} : { session: chatSession }),
      hello: () => {
        if (membership === null) return undefined
        const again = [...unanswered].filter(([, line]) => line.taken)
        return [
          JSON.stringify(joinFrame(membership, key)),
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
    if (line === null || membership === null) return
    // The session of the connection before the last handshake: the first one is new by nature.
    let known: string | null = null
    return line.onEvent((event) => {
      if (event.type === 'session') {
        if (known !== null && !event.resumed) dispatch({ type: 'new-session', at: event.at })
        known = event.id
      }
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
  }, [line, membership, unanswered])

  return {
    membership,
    log,
    ws,
    join(next) {
      dispatch({ type: 'reset' })
      unanswered.clear()
      setMembership(next)
    },
    say(text) {
      if (membership === null) return
      const ref = createId()
      const result = ws.sendJson({ type: 'say', ref, text })
      dispatch({ type: 'say', id: ref, name: membership.name, text, at: Date.now(), result })
      // A session resends on its own what a dead socket took: nothing to keep here.
      if (result !== 'dropped' && chatSession === undefined) {
        unanswered.set(ref, { text, taken: result === 'sent' })
      }
    },
    leave() {
      ws.sendJson({ type: 'leave' })
      setMembership(null)
    },
  }
}

const joinFrame = (membership: ChatMembership, key: string): ClientMessage => ({
  type: 'join',
  ...membership,
  key,
})

/** The close in words, for the lines it left undelivered. */
function closeReason(close: CloseInfo | null): string {
  if (close === null) return 'the connection closed'
  return `the connection closed (${close.code}${close.reason ? `: ${close.reason}` : ''})`
}
