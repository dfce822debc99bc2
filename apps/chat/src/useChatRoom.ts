import type { CloseInfo, Lifeline } from '@lifeline/core'
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
 * `join` frame always waits at the head of the queue whenever the link is down, so it is the first
 * frame of every new socket: the server knows who we are before the messages typed meanwhile.
 */
export function useChatRoom(
  config: DemoConfig,
  options?: UseWebSocketOptions<ServerMessage>,
): ChatRoomApi {
  const [session, setSession] = useState<ChatSession | null>(null)
  const [log, dispatch] = useReducer(chatLogReducer, EMPTY_CHAT_LOG)
  const [joined] = useState(() => new WeakMap<object, ChatSession>())
  // Our reconnect key: a join that presents it takes our name back from a socket not yet swept.
  const [key] = useState(createId)
  // Our lines the server has neither echoed nor refused yet: ref → text.
  const [unanswered] = useState(() => new Map<string, string>())
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
    // Once per connection and session, StrictMode's second effect run included.
    if (joined.get(line) !== session) {
      joined.set(line, session)
      line.sendJson(joinFrame(session, key))
    }
    const resend = (): void => {
      for (const [ref, text] of unanswered) {
        if (line.sendJson({ type: 'say', ref, text }) === 'dropped') {
          unanswered.delete(ref)
          dispatch({ type: 'dropped', id: ref })
        }
      }
    }
    const stopRejoining = keepJoined(line, joinFrame(session, key), resend)
    // Closed for good (1008, a 44xx code, no attempts left): nothing waiting will be delivered.
    const stopWatching = line.onEvent((event) => {
      if (event.type !== 'status' || event.status !== 'closed') return
      unanswered.clear()
      dispatch({ type: 'closed', reason: closeReason(line.store.getState().lastClose) })
    })
    return () => {
      stopRejoining()
      stopWatching()
    }
  }, [line, session, joined, key, unanswered])

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
      dispatch({ type: 'say', id: ref, name: session.name, text, at: Date.now() })
      if (ws.sendJson({ type: 'say', ref, text }) === 'dropped')
        dispatch({ type: 'dropped', id: ref })
      else unanswered.set(ref, text)
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

/**
 * Joins again after every loss. Lifeline sends its queue before it reports 'open', so a `join`
 * sent on 'open' would follow the messages queued meanwhile, which the server would then refuse
 * ('not-joined'). The `join` is queued instead the moment the link goes down, then `resend` queues
 * again the lines the dead socket took without an answer; the join is sent on 'open' only if it
 * could not be queued (queue off or full).
 */
function keepJoined(
  line: Lifeline<ServerMessage, ClientMessage>,
  join: ClientMessage,
  resend: () => void,
): () => void {
  let wasOpen = line.store.getState().status === 'open'
  // Once per loss: the first status after 'open' that is not 'open'.
  let lossHandled = false
  let rejoinQueued = false
  return line.onEvent((event) => {
    if (event.type !== 'status') return
    if (event.status === 'open') {
      if (wasOpen && !rejoinQueued) line.sendJson(join)
      wasOpen = true
      lossHandled = false
      rejoinQueued = false
    } else if (event.status === 'reconnecting' || event.status === 'connecting') {
      if (wasOpen && !lossHandled) {
        lossHandled = true
        rejoinQueued = line.sendJson(join) === 'queued'
        resend()
      }
    }
  })
}
