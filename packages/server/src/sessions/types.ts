import type { HeartbeatServer } from '../types.js'

/** Why a session ended. */
export type SessionEndReason =
  /** The client ended it (`disconnect()` or `destroy()`), or the server app called `end()`. */
  | 'ended'
  /** It waited `ttl` without a socket. */
  | 'expired'

/** What `send` did with a message. */
export type SessionSendResult =
  /** Written to the session's open socket; kept until the client acknowledges it. */
  | 'sent'
  /** Kept for the client, which is away (or reads slowly); it goes out, in order, when it can. */
  | 'buffered'
  /** Refused: `buffer` unacknowledged messages are kept already, or the session ended. */
  | 'dropped'

/** One client's session, as the server app sees it. */
export interface ServerSession {
  /** The session id the client resumes with. */
  readonly id: string
  /**
   * `true` when this process took the session over from a shared store (another instance made
   * it); the app then rebuilds what it keeps per session. `false` for a session made here.
   */
  readonly resumed: boolean
  /** Calls `listener` with every app message of the client, exactly once and in order. */
  onMessage(listener: (data: string) => void): () => void
  /**
   * Sends a text message to the client, exactly once and in order across reconnects.
   * @returns `'sent'`, `'buffered'` or `'dropped'` (see `SessionSendResult`); a message already
   * accepted is never dropped to make room.
   */
  send(data: string): SessionSendResult
  /** Calls `listener` once when the session ends. */
  onEnd(listener: (reason: SessionEndReason) => void): () => void
  /** Ends the session: it is forgotten, and a client that comes back starts a new one. */
  end(): void
}

/** What a session keeps between sockets: enough for any server instance to resume it. */
export interface SessionRecord {
  readonly id: string
  /** Messages to the client not acknowledged yet: `pending[i]` is message `firstOut + i`. */
  readonly pending: readonly string[]
  readonly firstOut: number
  /** Every message from the client up to this one arrived. */
  readonly received: number
}

/**
 * Where session state lives between sockets. The default keeps it in this process's memory; a
 * shared store (Redis…) lets any server instance resume any session. Every method may be
 * synchronous or return a promise.
 */
export interface SessionStore {
  /** The record of `id`, or `undefined` when there is none (never was, or forgotten). */
  load(id: string): SessionRecord | undefined | Promise<SessionRecord | undefined>
  /** Keeps `record` (called when a session loses its socket, and as it buffers while away). */
  save(record: SessionRecord, ttl: number): void | Promise<void>
  /** Forgets `id`. */
  delete(id: string): void | Promise<void>
}

/** Options of `attachSessions`. */
export interface SessionServerOptions {
  /**
   * `attachHeartbeat`'s server on the same `wss`: the sessions then read frames through its
   * `handle` (its rate limits and guards apply; a frame it refuses closes the socket with 1013, and
   * the client resumes after its backoff) and write through its `send` (its backpressure applies).
   * Its `ping` also tells the heartbeat's frames, so `ping` here is not needed.
   */
  readonly heartbeat?: HeartbeatServer
  /** How long a session without a socket is kept, in ms. Default `120_000`. */
  readonly ttl?: number
  /** The most unacknowledged messages kept per session. Default `1_000`. */
  readonly buffer?: number
  /** Where session state lives. Default: this process's memory. */
  readonly store?: SessionStore
  /**
   * Text frames that are not the session's but a heartbeat's (answered by `attachHeartbeat`), as
   * the text or a predicate. Default `'ping'`, `attachHeartbeat`'s default.
   */
  readonly ping?: string | ((text: string) => boolean)
  /**
   * Unsent bytes of a socket above which the session writes nothing more to it for now: the
   * messages wait in the session and go out, in order, once the client reads again (or after it
   * reconnects). Default `1024 * 1024`.
   */
  readonly maxBuffered?: number
}

/** Counts of a session server. */
export interface SessionStats {
  /** Sessions held now, with or without a socket. */
  readonly live: number
  /** Sessions with a socket now. */
  readonly connected: number
  /** Resumes so far. */
  readonly resumed: number
  /** Sessions forgotten after `ttl` so far. */
  readonly expired: number
}

/** What `attachSessions` returns. */
export interface SessionServer {
  /** Calls `listener` with every new session (and every session taken over from a shared store). */
  onSession(listener: (session: ServerSession) => void): () => void
  stats(): SessionStats
  /** Stops handling sockets and forgets every session's timer; open sockets stay open. */
  stop(): void
}
