import { randomBytes } from 'node:crypto'
import { decodeFrame, type SessionFrame } from '@lifeline/core/session'
import type { RawData, WebSocket, WebSocketServer } from 'ws'
import type { HeartbeatServer } from '../types.js'
import { createMemoryStore } from './memoryStore.js'
import { createSessionCore, type SessionCore } from './serverSession.js'
import type {
  ServerSession,
  SessionRecord,
  SessionServer,
  SessionServerOptions,
  SessionStats,
} from './types.js'

const SECOND = 1_000
const OPEN = 1
/** Close codes: a frame that is not the protocol, and numbers that do not add up. */
const BAD_FRAME = 4400
const BAD_NUMBERS = 4409

/**
 * The server half of Lifeline sessions (`@lifeline/core/session`) on any `ws` server: numbered
 * messages, acknowledgements, buffers at both ends and a resume, so that every message arrives
 * once and in order across reconnects, in both directions, while the server holds the session.
 * The wire protocol is in `PROTOCOL.md`. Works beside `attachHeartbeat` on the same server.
 *
 * A frame that is not the protocol (or numbers that do not add up) closes that one socket with
 * 4400 (4409) and a reason that says what was wrong; no other session is touched.
 *
 * @example
 * ```ts
 * const sessions = attachSessions(wss, { ttl: 120_000, buffer: 1_000 })
 * sessions.onSession((session) => {
 *   session.onMessage((text) => session.send(`echo: ${text}`))
 *   session.onEnd((reason) => console.log(session.id, reason))
 * })
 * ```
 */
export function attachSessions(
  wss: WebSocketServer,
  options: SessionServerOptions = {},
): SessionServer {
  const ttl = positive(options.ttl, 120 * SECOND, 'ttl')
  const buffer = positive(options.buffer, 1_000, 'buffer')
  const maxBuffered = positive(options.maxBuffered, 1024 * 1024, 'maxBuffered')
  const store = options.store ?? createMemoryStore()
  const { ping = 'ping', heartbeat } = options
  const isPing = typeof ping === 'function' ? ping : (text: string) => text === ping
  const live = new Map<string, { core: SessionCore; socket: WebSocket | null }>()
  const expiry = new Map<string, ReturnType<typeof setTimeout>>()
  const sessionListeners = new Set<(session: ServerSession) => void>()
  let resumed = 0
  let expired = 0
  let stopped = false

  const kept = (action: () => void | Promise<void>, what: string): void => {
    try {
      Promise.resolve(action()).catch((error: unknown) => storeFailed(what, error))
    } catch (error) {
      storeFailed(what, error)
    }
  }

  function forget(id: string): void {
    clearTimeout(expiry.get(id))
    expiry.delete(id)
    live.delete(id)
    kept(() => store.delete(id), 'delete')
  }

  function open(record: SessionRecord, takenOver: boolean): SessionCore {
    const { id } = record
    const core = createSessionCore(record, takenOver, {
      buffer,
      maxBuffered,
      away: (next) => kept(() => store.save(next, ttl), 'save'),
      ended: () => forget(id),
      crashed(error) {
        console.error(`[lifeline] a session onMessage listener threw (session ${id}):`, error)
        live.get(id)?.socket?.close(1011, 'server error')
      },
    })
    live.set(id, { core, socket: null })
    return core
  }

  async function handshake(socket: WebSocket, frame: Extract<SessionFrame, { type: 'open' }>) {
    let entry = frame.id === null ? undefined : live.get(frame.id)
    let takenOver = false
    if (entry === undefined && frame.id !== null) {
      const record = await store.load(frame.id)
      if (record !== undefined && !live.has(record.id)) {
        open(record, true)
        takenOver = true
      }
      entry = live.get(frame.id)
    }
    if (socket.readyState !== OPEN || stopped) return null
    const isResume = entry !== undefined
    if (entry === undefined) {
      const id = randomBytes(16).toString('base64url')
      open({ id, pending: [], firstOut: 1, received: 0 }, false)
      entry = live.get(id)
    }
    if (entry === undefined) return null
    const { core } = entry
    if (!core.attach(linkOf(socket, heartbeat), isResume ? frame.ack : 0, isResume)) {
      socket.close(BAD_NUMBERS, `acknowledged message ${frame.ack}, never sent`)
      return null
    }
    // The newest socket wins: an older one of the same session is a half-open leftover.
    entry.socket?.close(BAD_NUMBERS, 'the session resumed on another socket')
    entry.socket = socket
    clearTimeout(expiry.get(core.api.id))
    expiry.delete(core.api.id)
    if (isResume && !takenOver) resumed++
    if (!isResume || takenOver) {
      for (const listener of sessionListeners) {
        try {
          listener(core.api)
        } catch (error) {
          console.error('[lifeline] an onSession listener threw:', error)
        }
      }
    }
    return core
  }

  function watch(socket: WebSocket): void {
    let core: SessionCore | null = null
    let shaking = false
    const refuse = (code: number, reason: string): void => socket.close(code, reason)
    const onFrame = (data: RawData, isBinary: boolean) => {
      if (stopped) return
      if (isBinary) return refuse(1003, 'sessions carry text frames only')
      const text = data.toString()
      if (heartbeat === undefined && isPing(text)) return
      const frame = decodeFrame(text)
      if (core === null) {
        if (frame.type !== 'open' || shaking) {
          return refuse(BAD_FRAME, 'expected the session handshake first')
        }
        shaking = true
        handshake(socket, frame).then(
          (attached) => {
            core = attached
          },
          (error: unknown) => {
            storeFailed('load', error)
            refuse(1011, 'session store unavailable')
          },
        )
        return
      }
      if (frame.type === 'open') return refuse(BAD_FRAME, 'one session per socket')
      const problem = core.take(frame)
      if (problem !== undefined) {
        refuse(
          frame.type === 'data' || frame.type === 'ack' ? BAD_NUMBERS : BAD_FRAME,
          problem.slice(0, 120),
        )
      }
    }
    if (heartbeat === undefined) socket.on('message', onFrame)
    else {
      heartbeat.handle(socket, {
        message: onFrame,
        // A frame left out would break the numbering: the client resumes from what arrived.
        refused: () => refuse(1013, 'too many frames: resume later'),
      })
    }
    socket.on('close', () => {
      const id = core?.api.id
      const entry = id === undefined ? undefined : live.get(id)
      if (entry?.socket !== socket || id === undefined) return
      entry.socket = null
      const record = entry.core.detach()
      kept(() => store.save(record, ttl), 'save')
      const timer = setTimeout(() => {
        expired++
        live.get(id)?.core.end('expired')
      }, ttl)
      timer.unref?.()
      expiry.set(id, timer)
    })
  }

  wss.on('connection', watch)

  return {
    onSession(listener) {
      sessionListeners.add(listener)
      return () => sessionListeners.delete(listener)
    },
    stats(): SessionStats {
      let connected = 0
      for (const entry of live.values()) if (entry.socket !== null) connected++
      return { live: live.size, connected, resumed, expired }
    },
    stop() {
      stopped = true
      wss.off('connection', watch)
      for (const timer of expiry.values()) clearTimeout(timer)
      expiry.clear()
    },
  }
}

function linkOf(socket: WebSocket, heartbeat: HeartbeatServer | undefined) {
  return {
    send(frame: string): boolean {
      if (heartbeat !== undefined) return heartbeat.send(socket, frame) === 'sent'
      if (socket.readyState !== OPEN) return false
      socket.send(frame)
      return true
    },
    close: (code: number, reason: string) => socket.close(code, reason),
    buffered: () => socket.bufferedAmount,
  }
}

function storeFailed(what: string, error: unknown): void {
  console.error(`[lifeline] the session store failed to ${what}:`, error)
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`attachSessions: ${name} must be a finite number > 0, not ${value}`)
  }
  return value
}
