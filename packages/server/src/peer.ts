import type { WebSocket } from 'ws'
import type { PressureGauge } from './backpressure.js'
import type { FrameLimit } from './rateLimit.js'

/** What the latest frame of a connection was, for `handle` (whose listener runs after ours). */
export type Verdict = 'message' | 'heartbeat' | 'refused' | 'closed'

/** What `attachHeartbeat` keeps per watched connection. */
export interface Peer {
  /** Whether it answered the previous sweep's protocol ping. */
  answered: boolean
  verdict: Verdict
  /** Set once a limit or a guard decided to close it: its frames are no longer handled. */
  closing: boolean
  readonly limit: FrameLimit | null
  readonly gauge: PressureGauge | null
}

const SECOND = 1_000
/** A connection closed by a limit that has not finished closing by then is cut off, in ms. */
export const CLOSE_TIMEOUT: number = 2 * SECOND
/** `WebSocket.OPEN`, without importing `ws` at runtime (it is a peer dependency). */
export const OPEN = 1

/**
 * Closes `socket` with `code`, and terminates it if it has not finished closing `CLOSE_TIMEOUT`
 * later: a client that does not read never reads the close frame either, and its unsent bytes
 * would stay in memory until `ws`'s own 30 s timeout.
 */
export function closeSoon(socket: WebSocket, code: number, reason: string): void {
  try {
    socket.close(code, reason)
  } catch {
    // Not open yet or already gone: terminate below settles it either way.
  }
  const timer = setTimeout(() => socket.terminate(), CLOSE_TIMEOUT)
  timer.unref?.()
  socket.once('close', () => clearTimeout(timer))
}
