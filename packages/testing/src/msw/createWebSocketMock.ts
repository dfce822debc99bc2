import { decodeFrame } from '@lifeline/core/session'
import { type WebSocketHandler, ws } from 'msw'
import { type AckTimers, createSessionHost, type SessionLink } from '../sessions/sessionHost.js'
import type { GoAwayOptions, ServerControls } from '../shared/controls.js'
import { createHeartbeat, type HeartbeatSetting } from '../shared/heartbeat.js'
import { createRecorder, type Observations, withObservations } from '../shared/observations.js'
import { cutWithoutClose, type MswClient } from './mswClient.js'

/** What the mock gets from a client and can send to it: text, or binary data. */
export type MockData = string | ArrayBuffer | ArrayBufferView | Blob

/** Options of {@link createWebSocketMock}. */
export interface WebSocketMockOptions {
  /**
   * Lifeline's heartbeat: `true` (default) answers `'ping'` with `'pong'`; `{ ping, pong }` for
   * other texts (a text or a predicate; a text or a function of the ping); `false` counts pings
   * and answers none.
   */
  heartbeat?: HeartbeatSetting
  /** Send every app message back to its sender. Default `false`: script replies in `onMessage`. */
  echo?: boolean
  /**
   * Speak Lifeline sessions (`@lifeline/core/session`) with a client whose first frame is the
   * session handshake: answer it, number and acknowledge messages, resend what a resumed client
   * missed. Other clients are plain. Default `true`.
   */
  sessions?: boolean
  /** Called for each connection accepted (not for those refused while gone away). */
  onConnection?: (client: MockClient) => void
  /**
   * Called for every app message, in order: a session's payloads once each (numbering, resends and
   * control frames taken off), heartbeat pings never. Reply with `client.send`.
   */
  onMessage?: (data: MockData, client: MockClient) => void
  /**
   * Timers for session acknowledgements (sent 200 ms after a message, or after 32). Default the
   * global ones; pass the `createManualClock()` that drives the client to keep it all manual.
   */
  timers?: AckTimers
}

/** One connection to the mock, as the server side sees it. */
export interface MockClient {
  /** The URL the client opened. */
  readonly url: string
  /** The session id, once the client's session handshake was answered; else `null`. */
  readonly session: string | null
  /** Whether the connection is still open. */
  readonly open: boolean
  /** Sends `data` to this client; numbered and kept until acknowledged when it has a session. */
  send(data: MockData): void
  /** Closes this connection cleanly with `code` (default `1000`) and `reason`. */
  close(code?: number, reason?: string): void
  /** Cuts this connection without a close frame: the client sees an error and close `1006`. */
  drop(): void
}

/** A server for one WebSocket URL, in the test's own process, through MSW's `ws.link`. */
export interface WebSocketMock extends ServerControls {
  /** Pass to MSW: `setupServer(mock.handler)` (Node, jsdom) or `setupWorker(mock.handler)`. */
  readonly handler: WebSocketHandler
  /** The connections open now, oldest first. */
  clients(): MockClient[]
  /**
   * Back to a fresh mock between tests: counts at zero, `received` emptied, sessions forgotten,
   * neither frozen nor gone away. Open connections are cut.
   */
  reset(): void
}

const OPEN = 1

/**
 * A mock WebSocket server for component tests with MSW: it answers Lifeline's heartbeat (and its
 * sessions, when the client uses one), records what the app sent, and gives the test the same
 * controls as the Node test server: send, close with a code, drop without a close, freeze, go away
 * and come back. Everything runs in the test's process, so a test needs no port and no server.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node'
 * import { createWebSocketMock } from '@lifeline/testing/msw'
 *
 * const chat = createWebSocketMock('ws://localhost/chat', {
 *   onMessage: (data, client) => client.send(`echo: ${String(data)}`),
 * })
 * const server = setupServer(chat.handler)
 * beforeAll(() => server.listen())
 * afterEach(() => chat.reset())
 * afterAll(() => server.close())
 * ```
 */
export function createWebSocketMock(
  url: string | RegExp,
  options: WebSocketMockOptions = {},
): WebSocketMock {
  const { echo = false, sessions: speaksSessions = true, onConnection, onMessage } = options
  const heartbeat = createHeartbeat(options.heartbeat)
  const timers: AckTimers = options.timers ?? {
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
  const recorder = createRecorder()
  const host = createSessionHost(timers)
  const live = new Set<Connection>()
  // While frozen, what the server would have written and what it would have read, in order.
  let held: Array<() => void> | null = null
  let away = false

  interface Connection extends MockClient {
    readonly raw: MswClient
    readonly link: SessionLink
    mode: 'unknown' | 'plain' | 'session'
    sessionId: string | null
  }

  const isOpen = (raw: MswClient): boolean => raw.socket?.readyState === OPEN
  const unlessFrozen = (work: () => void): void => {
    if (held === null) work()
    else held.push(work)
  }

  const connect = (raw: MswClient): void => {
    const link: SessionLink = {
      write: (frame) => unlessFrozen(() => isOpen(raw) && raw.send(frame)),
      close: (code, reason) => raw.close(code, reason),
    }
    const connection: Connection = {
      raw,
      link,
      mode: 'unknown',
      sessionId: null,
      url: raw.url.href,
      get session() {
        return connection.sessionId
      },
      get open() {
        return isOpen(raw)
      },
      send(data) {
        if (connection.sessionId !== null && typeof data === 'string') {
          host.send(connection.sessionId, data)
        } else unlessFrozen(() => isOpen(raw) && raw.send(data))
      },
      close: (code = 1000, reason = '') => raw.close(code, reason),
      drop: () => cutWithoutClose(raw),
    }
    live.add(connection)
    raw.addEventListener('message', (event) => {
      const data = event.data as MockData
      unlessFrozen(() => read(connection, data))
    })
    raw.addEventListener('close', () => {
      live.delete(connection)
      host.detach(link)
    })
    onConnection?.(connection)
  }

  const deliver = (connection: Connection, data: MockData): void => {
    if (typeof data === 'string') recorder.received(data)
    if (echo) connection.send(data)
    onMessage?.(data, connection)
  }

  const read = (connection: Connection, data: MockData): void => {
    if (!connection.open) return
    if (typeof data !== 'string') {
      deliver(connection, data)
      return
    }
    if (heartbeat.isPing(data)) {
      recorder.pinged()
      const pong = heartbeat.reply(data)
      if (pong !== null) connection.link.write(pong)
      return
    }
    if (connection.mode === 'unknown') {
      const frame = speaksSessions ? decodeFrame(data) : null
      if (frame?.type === 'open') {
        connection.mode = 'session'
        connection.sessionId = host.open(connection.link, frame)
        return
      }
      connection.mode = 'plain'
    }
    if (connection.mode === 'session') {
      host.take(connection.link, data, (payload) => deliver(connection, payload))
    } else deliver(connection, data)
  }

  const handler = ws.link(url).addEventListener('connection', ({ client, info }) => {
    const raw = client as MswClient
    const requested = info.protocols
    recorder.connected(Array.isArray(requested) ? requested.join(', ') : (requested ?? ''))
    // Refused: closed before it opened, so the client sees a failed attempt, never an open.
    if (away) return cutWithoutClose(raw)
    connect(raw)
  })

  const dropAll = (): void => {
    for (const connection of [...live]) connection.drop()
  }

  return withObservations<Omit<WebSocketMock, keyof Observations>>(recorder, {
    handler,
    clients: () => [...live].filter((connection) => connection.open),
    send(data) {
      for (const connection of live) {
        if (connection.open && connection.sessionId === null) connection.send(data)
      }
      // Every session, also those whose client is away: they get it when they resume.
      for (const id of host.ids()) host.send(id, data)
    },
    closeAll(code = 1000, reason = '') {
      for (const connection of [...live]) connection.close(code, reason)
    },
    dropAll,
    freeze() {
      held ??= []
    },
    thaw() {
      const work = held ?? []
      held = null
      for (const run of work) run()
    },
    async goAway(goAwayOptions: GoAwayOptions = {}) {
      away = true
      dropAll()
      if (goAwayOptions.forgetSessions) host.forget()
    },
    async comeBack() {
      away = false
    },
    reset() {
      dropAll()
      held = null
      away = false
      host.forget()
      recorder.reset()
    },
  })
}
