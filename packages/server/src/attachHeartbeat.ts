import type { WebSocket, WebSocketServer } from 'ws'

const SECOND = 1_000
const DEFAULT_INTERVAL = 30 * SECOND
/** The longest delay `setInterval` honours; beyond it Node fires every millisecond. */
const MAX_INTERVAL = 2 ** 31 - 1

/** Options of `attachHeartbeat`. */
export interface HeartbeatServerOptions {
  /**
   * How often dead peers are swept, in ms: each sweep ends the peers that did not answer the previous
   * one's protocol ping. From 1 to `2 ** 31 - 1`: anything else (`0`, `NaN`, `Infinity`) throws a
   * `RangeError`, where `setInterval` would silently sweep every millisecond. Default `30_000`.
   */
  interval?: number
  /** The text of a client heartbeat, or a predicate over the text. Default `'ping'`. */
  ping?: string | ((text: string) => boolean)
  /**
   * The reply to a client heartbeat, or a function of its text (`(text) => text` for echo-style); a
   * function that throws sends no reply. Default `'pong'`.
   */
  pong?: string | ((text: string) => string)
}

/** Counts of a server's connections. */
export interface HeartbeatStats {
  /** Connections open now. */
  readonly active: number
  /** Connections ever watched: those open at `attachHeartbeat` and those accepted since. */
  readonly total: number
  /** Connections ended by the sweep because they stopped answering. */
  readonly terminated: number
}

/** What `attachHeartbeat` returns. */
export interface HeartbeatServer {
  /** The counts now; after `stop()`, the counts as they were when it was called. */
  stats(): HeartbeatStats
  /**
   * Whether a received frame is a client heartbeat (answered by `attachHeartbeat` until `stop()`):
   * application handlers skip it. Binary frames never are.
   */
  isHeartbeat(data: unknown, isBinary?: boolean): boolean
  /** Stops sweeping, answering and watching new connections; the connections stay open. Idempotent. */
  stop(): void
}

/**
 * Answers Lifeline clients' heartbeats on a `ws` server and sweeps dead peers: every `interval` it
 * sends a protocol-level ping to each client and terminates those that did not answer the previous
 * one (any frame from the client also counts as an answer). A frozen or vanished client is thus
 * gone within two intervals, and `stats()` says how many there were.
 *
 * @example
 * ```ts
 * const wss = new WebSocketServer({ port: 8080 })
 * const heartbeat = attachHeartbeat(wss, { interval: 10_000 })
 * wss.on('connection', (socket) => socket.on('message', (data, isBinary) => {
 *   if (heartbeat.isHeartbeat(data, isBinary)) return
 *   // …application frames
 * }))
 * ```
 *
 * @returns `stats()`, `isHeartbeat()` and `stop()`. Throws a `RangeError` at once for an `interval`
 * outside 1 to `2 ** 31 - 1` ms.
 */
export function attachHeartbeat(
  wss: WebSocketServer,
  options: HeartbeatServerOptions = {},
): HeartbeatServer {
  const interval = options.interval ?? DEFAULT_INTERVAL
  // Written so that NaN fails too.
  if (!(interval >= 1 && interval <= MAX_INTERVAL)) {
    throw new RangeError(
      `attachHeartbeat: interval must be 1 to ${MAX_INTERVAL} ms, not ${interval}`,
    )
  }
  const matches = textMatcher(options.ping ?? 'ping')
  const reply = options.pong ?? 'pong'
  const alive = new Map<WebSocket, boolean>()
  const detachers = new Map<WebSocket, () => void>()
  let total = 0
  let terminated = 0
  let final: HeartbeatStats | undefined

  const isHeartbeat = (data: unknown, isBinary = false): boolean => !isBinary && matches(data)

  function watch(socket: WebSocket): void {
    total++
    alive.set(socket, true)
    // `ws` still emits frames it had buffered after `terminate()`: they must not revive the peer.
    const answered = (): void => {
      if (alive.has(socket)) alive.set(socket, true)
    }
    const onMessage = (data: unknown, isBinary: boolean): void => {
      answered()
      if (!isHeartbeat(data, isBinary)) return
      const text = typeof reply === 'function' ? safeReply(reply, String(data)) : reply
      if (text !== undefined) socket.send(text)
    }
    const onClose = (): void => {
      alive.delete(socket)
      detachers.delete(socket)
    }
    socket.on('pong', answered)
    socket.on('message', onMessage)
    socket.once('close', onClose)
    detachers.set(socket, () => {
      socket.off('pong', answered)
      socket.off('message', onMessage)
      socket.off('close', onClose)
    })
  }

  function sweep(): void {
    for (const [socket, answered] of alive) {
      if (!answered) {
        terminated++
        alive.delete(socket)
        socket.terminate()
        continue
      }
      alive.set(socket, false)
      try {
        socket.ping()
      } catch {
        // Closing already: the next sweep forgets it.
      }
    }
  }

  // `clients` is undefined on a server created with `clientTracking: false`.
  for (const socket of wss.clients ?? []) watch(socket)
  wss.on('connection', watch)
  const timer = setInterval(sweep, interval)
  // The sweep alone must not keep a process alive that has nothing else to do.
  timer.unref?.()

  return {
    stats: () => final ?? { active: alive.size, total, terminated },
    isHeartbeat,
    stop() {
      // Once stopped, closes are no longer seen: the last counts that were true stay.
      final ??= { active: alive.size, total, terminated }
      clearInterval(timer)
      wss.off('connection', watch)
      for (const detach of detachers.values()) detach()
      detachers.clear()
      alive.clear()
    },
  }
}

/** The reply of a `pong` function, or `undefined` when it throws: a handler of `ws` must not throw. */
function safeReply(reply: (text: string) => string, text: string): string | undefined {
  try {
    return reply(text)
  } catch {
    return undefined
  }
}

/** A matcher over a frame's text that does not decode frames that cannot match a fixed string. */
function textMatcher(ping: string | ((text: string) => boolean)): (data: unknown) => boolean {
  if (typeof ping === 'function') {
    return (data) => {
      try {
        return ping(String(data))
      } catch {
        return false
      }
    }
  }
  const bytes = Buffer.byteLength(ping)
  return (data) => {
    if (typeof data === 'string') return data === ping
    const length = (data as { byteLength?: number } | null)?.byteLength
    return length === bytes && String(data) === ping
  }
}
