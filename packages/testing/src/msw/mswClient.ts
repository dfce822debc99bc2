import type { WebSocketHandlerConnection } from 'msw'

/**
 * MSW's client connection, with the mock socket it wraps. `socket` is public on MSW's class,
 * though not on the interface its types give the handler.
 */
export type MswClient = WebSocketHandlerConnection['client'] & {
  readonly socket?: EventTarget & { readonly readyState: number }
}

const ABNORMAL_CLOSURE = 1006

/**
 * Ends a connection as a lost network does: an `error` event, then `close` 1006 with
 * `wasClean: false`. MSW's `close()` always reports a clean close; its socket's internal close
 * takes the flag, so it is used when found, else `close(1006)` (clean, but the right code).
 */
export function cutWithoutClose(client: MswClient): void {
  const socket = client.socket
  if (socket === undefined || socket.readyState >= 2) {
    client.close(ABNORMAL_CLOSURE, '')
    return
  }
  socket.dispatchEvent(new Event('error'))
  const internalClose = findInternalClose(socket)
  if (internalClose) internalClose.call(socket, ABNORMAL_CLOSURE, '', false)
  else client.close(ABNORMAL_CLOSURE, '')
}

type InternalClose = (code: number, reason: string, wasClean: boolean) => void

function findInternalClose(socket: object): InternalClose | undefined {
  for (
    let proto = Object.getPrototypeOf(socket);
    proto !== null;
    proto = Object.getPrototypeOf(proto)
  ) {
    const key = Object.getOwnPropertySymbols(proto).find(
      (symbol) => symbol.description === 'kClose',
    )
    if (key !== undefined) {
      const method: unknown = proto[key]
      if (typeof method === 'function') return method as InternalClose
    }
  }
  return undefined
}
