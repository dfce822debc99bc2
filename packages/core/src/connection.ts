import { CLOSE_TIMEOUT } from './defaults.js'
import type { TimerProvider } from './options.js'
import type { SendData, SocketEventLike, WebSocketConstructor, WebSocketLike } from './types.js'

/** One socket, owned by the engine; the only object that touches a WebSocket. */
export interface SocketHandle {
  readonly socket: WebSocketLike
  isOpen(): boolean
  /** Hands data to the socket; throws what the socket throws. */
  send(data: SendData): void
  /**
   * Starts the close handshake. A `close` event follows within `CLOSE_TIMEOUT`: the socket's own,
   * or, when the peer never answers, `{ code: 1006, reason: 'close timeout' }` once it is abandoned.
   * Throws what the socket throws.
   */
  close(code: number, reason: string): void
  /**
   * Forgets the socket at once: listeners detached, then ended without waiting for an event that a
   * dead peer never sends. `graceful` sends a normal close frame when the socket is open.
   */
  abandon(graceful?: boolean): void
}

/** What opening a socket needs. */
export interface OpenSocketOptions {
  readonly url: string
  readonly protocols: string | string[] | undefined
  readonly WebSocket: WebSocketConstructor
  readonly binaryType: 'blob' | 'arraybuffer' | undefined
  /** For the close handshake's time limit. */
  readonly timers: TimerProvider
  /** Hears the socket's `open`, `message`, `close` and `error` events until it is abandoned. */
  readonly listener: (event: SocketEventLike) => void
}

const OPEN = 1
const EVENTS = ['open', 'message', 'close', 'error'] as const
const ignore = (): void => {}

/** Opens a socket and wires its events to `listener`. Throws what the constructor throws. */
export function openSocket(options: OpenSocketOptions): SocketHandle {
  const { protocols, timers } = options
  const socket =
    protocols === undefined
      ? new options.WebSocket(options.url)
      : new options.WebSocket(options.url, protocols)
  if (options.binaryType !== undefined) socket.binaryType = options.binaryType
  let closeTimer: unknown = null
  const listener = (event: SocketEventLike): void => {
    if (event.type === 'close') timers.clearTimeout(closeTimer)
    options.listener(event)
  }
  for (const type of EVENTS) socket.addEventListener(type, listener)

  const abandon = (graceful?: boolean): void => {
    timers.clearTimeout(closeTimer)
    for (const type of EVENTS) socket.removeEventListener(type, listener)
    // `ws` throws an 'error' event that has no listener; an abandoned socket may still emit one.
    socket.addEventListener('error', ignore)
    const terminate = (socket as { terminate?: unknown }).terminate
    try {
      if (graceful && socket.readyState === OPEN) socket.close(1000)
      // `ws` can drop the TCP link at once; a browser socket can only be closed.
      else if (typeof terminate === 'function') terminate.call(socket)
      else socket.close()
    } catch {
      // Already closing or closed: nothing left to end.
    }
  }

  return {
    socket,
    isOpen: () => socket.readyState === OPEN,
    send: (data) => socket.send(data),
    close(code, reason) {
      // A frozen peer never answers the close frame, and no close event would ever fire.
      closeTimer = timers.setTimeout(() => {
        abandon()
        options.listener({ type: 'close', code: 1006, reason: 'close timeout', wasClean: false })
      }, CLOSE_TIMEOUT)
      socket.close(code, reason)
    },
    abandon,
  }
}

/** What a `close` event says, with the defaults of an event that says nothing (a lost link). */
export function closeOf(event: SocketEventLike): {
  code: number
  reason: string
  wasClean: boolean
} {
  return { code: event.code ?? 1006, reason: event.reason ?? '', wasClean: event.wasClean ?? false }
}

/** A readable message for a socket's `error` event, with its detail where the socket gives one. */
export function socketError(
  event: SocketEventLike & { readonly error?: { readonly message?: unknown } },
  url: string,
): string {
  const detail = event.message ?? event.error?.message
  return `WebSocket error on ${url}${typeof detail === 'string' && detail !== '' ? `: ${detail}` : ''}`
}
