import { openSocket, type SocketHandle } from './connection.js'
import type { LifelineOptions, TimerProvider } from './options.js'
import type { SocketEventLike, UrlSource, WebSocketConstructor } from './types.js'
import { checkUrl, pageBase, resolveSource } from './url.js'
import { describeError } from './util.js'

/** What one connect attempt needs from the connection around it. */
export interface Attempt {
  readonly url: UrlSource
  readonly options: Pick<LifelineOptions, 'protocols' | 'WebSocket' | 'binaryType'>
  readonly timers: TimerProvider
  /** Hears the events of the socket, with the URL it dialled. */
  readonly listener: (handle: SocketHandle, event: SocketEventLike, url: string) => void
  /** `false` once a newer attempt started or this one was cancelled: it then opens nothing. */
  readonly wanted: () => boolean
  /** The socket exists (it is connecting). */
  readonly opened: (handle: SocketHandle) => void
  /** The attempt failed before a socket existed: a bad or failing URL or protocols, no WebSocket. */
  readonly failed: (kind: 'url' | 'socket', message: string) => void
}

/**
 * Starts one connect attempt: calls the URL and protocols functions (sync or async), checks the
 * URL, and creates the socket. Synchronous when both are plain values. Never throws: every failure
 * goes to `failed`, and only while the attempt is still `wanted`.
 */
export function openAttempt(attempt: Attempt): void {
  const { options } = attempt
  const failed = (kind: 'url' | 'socket', message: string): void => {
    if (attempt.wanted()) attempt.failed(kind, message)
  }
  const failedUrl = (message: string): void => failed('url', message)
  resolveSource(
    attempt.url,
    'URL',
    (value) => {
      const checked = checkUrl(value, pageBase())
      if (typeof checked === 'string') return failedUrl(checked)
      resolveSource(
        options.protocols,
        'protocols',
        (protocols) => {
          if (!attempt.wanted()) return
          const WebSocketImpl =
            options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket
          if (!WebSocketImpl) {
            return failed(
              'socket',
              `no WebSocket here${process.env.NODE_ENV !== 'production' ? ': pass options.WebSocket (in Node, the ws package)' : ''}`,
            )
          }
          const url = checked.href
          let handle: SocketHandle
          try {
            handle = openSocket({
              url,
              protocols,
              WebSocket: WebSocketImpl,
              binaryType: options.binaryType,
              timers: attempt.timers,
              listener: (event) => attempt.listener(handle, event, url),
            })
          } catch (error) {
            return failed('socket', `could not create the WebSocket: ${describeError(error)}`)
          }
          attempt.opened(handle)
        },
        failedUrl,
      )
    },
    failedUrl,
  )
}
