import type { Status } from '@lifeline/core'

/** Which of the lab's buttons can be pressed, and what the stop button is called. */
export interface LabControls {
  /** Connect applies the URL field and starts a fresh series of attempts. */
  readonly connect: boolean
  /** Send hands the message to the open socket. */
  readonly send: boolean
  /** The button that ends the connection: Close while open, Stop while an attempt or a retry is pending. */
  readonly stop: boolean
  readonly stopLabel: 'Close' | 'Stop'
}

/**
 * The lab's buttons for a status, as on the classic WebSocket test page: Connect while there is no
 * connection, Send while open, and a way out of every status that would otherwise go on by itself.
 * - `connecting` / `reconnecting`: Stop ends the retry loop (a wrong or dead URL would retry forever).
 * - `closing`: the close is already under way (1 s at most), so there is nothing left to stop; Connect
 *   is allowed, because the engine lets that close finish in the background and starts at once.
 */
export function labControls(status: Status): LabControls {
  switch (status) {
    case 'idle':
    case 'closed':
    case 'closing':
      return { connect: true, send: false, stop: false, stopLabel: 'Close' }
    case 'open':
      return { connect: false, send: true, stop: true, stopLabel: 'Close' }
    case 'connecting':
    case 'reconnecting':
      return { connect: false, send: false, stop: true, stopLabel: 'Stop' }
  }
}
