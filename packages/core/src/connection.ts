import type {
  MessageData,
  SendData,
  SocketEventLike,
  WebSocketConstructor,
  WebSocketLike,
} from './types.js'

/** What a socket tells the engine. Called only while the socket is the engine's current one. */
export interface SocketHandlers {
  open(): void
  message(data: MessageData): void
  close(code: number, reason: string, wasClean: boolean): void
  error(message: string): void
}

/** One socket, owned by the engine; the only object that touches a WebSocket. */
export interface SocketHandle {
  readonly socket: WebSocketLike
  isOpen(): boolean
  /** Hands data to the socket; throws what the socket throws. */
  send(data: SendData): void
  /** Starts the close handshake; `close` follows (or the engine gives up on it). */
  close(code: number, reason: string): void
  /**
   * Forgets the socket at once: listeners detached, then ended without waiting for an event that a
   * dead peer never sends. `graceful` sends a normal close frame when the socket is open.
   */
  abandon(graceful: boolean): void
}

/** What opening a socket needs. */
export interface OpenSocketOptions {
  readonly url: string
  readonly protocols: string | string[] | undefined
  readonly WebSocket: WebSocketConstructor
  readonly binaryType: 'blob' | 'arraybuffer' | undefined
  readonly handlers: SocketHandlers
}

const OPEN = 1

type SocketEvent = SocketEventLike & { readonly error?: { readonly message?: unknown } }

const ignore = (): void => {}

/** Opens a socket and wires its events to `handlers`. Throws what the constructor throws. */
export function openSocket(options: OpenSocketOptions): SocketHandle {
  const { handlers, url } = options
  const socket =
    options.protocols === undefined
      ? new options.WebSocket(url)
      : new options.WebSocket(url, options.protocols)
  if (options.binaryType !== undefined) socket.binaryType = options.binaryType

  const onOpen = (): void => handlers.open()
  const onMessage = (event: SocketEvent): void => handlers.message(event.data as MessageData)
  const onClose = (event: SocketEvent): void =>
    handlers.close(event.code ?? 1006, event.reason ?? '', event.wasClean ?? false)
  const onError = (event: SocketEvent): void => handlers.error(errorMessage(event, url))
  socket.addEventListener('open', onOpen)
  socket.addEventListener('message', onMessage)
  socket.addEventListener('close', onClose)
  socket.addEventListener('error', onError)

  const detach = (): void => {
    socket.removeEventListener('open', onOpen)
    socket.removeEventListener('message', onMessage)
    socket.removeEventListener('close', onClose)
    socket.removeEventListener('error', onError)
    // `ws` throws an 'error' event that has no listener; an abandoned socket may still emit one.
    socket.addEventListener('error', ignore)
  }

  return {
    socket,
    isOpen: () => socket.readyState === OPEN,
    send: (data) => socket.send(data),
    close: (code, reason) => socket.close(code, reason),
    abandon(graceful) {
      detach()
      const terminate = (socket as { terminate?: unknown }).terminate
      try {
        if (graceful && socket.readyState === OPEN) socket.close(1000)
        // `ws` can drop the TCP link at once; a browser socket can only be closed.
        else if (typeof terminate === 'function') terminate.call(socket)
        else socket.close()
      } catch {
        // Already closing or closed: nothing left to end.
      }
    },
  }
}

function errorMessage(event: SocketEvent, url: string): string {
  const detail = event.message ?? event.error?.message
  return typeof detail === 'string' && detail !== ''
    ? `WebSocket error on ${url}: ${detail}`
    : `WebSocket error on ${url}`
}
