import type { RawData, WebSocket } from 'ws'
import { OPEN, type Verdict } from './peer.js'
import type { FrameHandlers } from './types.js'

/** What {@link routeFrames} needs from `attachHeartbeat`. */
export interface FrameRouting {
  /** The verdict on the frame being delivered (given by the listener that runs first). */
  verdict(data: RawData, isBinary: boolean): Verdict
  /** Runs a handler so that a throw closes only this connection. */
  guard(fn: () => void): void
}

/**
 * Listens to `socket`'s frames for the application: a frame of the `message` verdict goes to
 * `handlers.message`, a refused one to `handlers.refused`; heartbeats, and every frame once the
 * connection is no longer open (being closed by a limit, a guard or the peer), go nowhere.
 *
 * @returns A function that removes the listener.
 */
export function routeFrames(
  socket: WebSocket,
  handlers: FrameHandlers,
  routing: FrameRouting,
): () => void {
  const listener = (data: RawData, isBinary: boolean): void => {
    if (socket.readyState !== OPEN) return
    const verdict = routing.verdict(data, isBinary)
    if (verdict === 'message') routing.guard(() => handlers.message(data, isBinary))
    else if (verdict === 'refused' && handlers.refused) {
      const refused = handlers.refused
      routing.guard(() => refused(data, isBinary))
    }
  }
  socket.on('message', listener)
  return () => {
    socket.off('message', listener)
  }
}
