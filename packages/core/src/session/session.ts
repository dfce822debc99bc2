import type { Capability, CapabilityHooks, Seam } from '../capability.js'
import {
  decodeFrame,
  encodeControl,
  encodeData,
  SESSION_PROTOCOL,
  type SessionFrame,
} from './frames.js'

/** Options of `session()`. */
export interface SessionOptions {
  /**
   * The most messages kept until the server acknowledges them, queued ones included. Past it the
   * queue's overflow policy applies, and `dropped` counts what it drops. Default `1_000`.
   */
  buffer?: number
}

/** Acknowledge after this many messages, or `ACK_DELAY` after the first unacknowledged one. */
export const ACK_EVERY = 32
/** In ms. */
export const ACK_DELAY = 200
/** The code the client closes with when the server breaks the protocol; it then resumes. */
export const PROTOCOL_ERROR_CLOSE = 4002

/**
 * A session for `createLifeline(url, { session: session() })`: every message sent with
 * `send`/`sendJson` reaches the server app exactly once and in order, and every message the server
 * app sends reaches `onMessage` exactly once and in order, across any number of reconnects, while
 * the server still holds the session (`attachSessions` from `@lifeline/server`). Both ends number
 * what they send, acknowledge what they received, keep what the other has not acknowledged, resend
 * it after a reconnect and drop duplicates.
 *
 * The state's `session` says how it goes: `resumed` is `false` after a handshake that started a
 * new session (the first one, or the server had forgotten the old one: resync the app). Sessions
 * carry text frames; binary data is refused with error `'session'`. One session per connection.
 *
 * @example
 * ```ts
 * import { createLifeline } from '@lifeline/core'
 * import { session } from '@lifeline/core/session'
 *
 * const line = createLifeline('wss://example.com/live', { session: session({ buffer: 1_000 }) })
 * line.store.subscribe(({ session }) => {
 *   if (session?.resumed === false) reloadHistory() // a new session: what was missed is gone
 * })
 * ```
 */
export function session<In = unknown>(options: SessionOptions = {}): Capability<In> {
  const { buffer: given } = options
  // A bad number falls back rather than break a live app, as every option of the engine does.
  const buffer = typeof given === 'number' && given >= 0 ? given : 1_000
  let attached = false
  return {
    attach(seam) {
      if (attached) {
        seam.fail('session', 'this session() already serves another connection: make one each')
        return {}
      }
      attached = true
      return attachSession(seam, buffer)
    },
  }
}

function attachSession<In>(seam: Seam<In>, buffer: number): CapabilityHooks {
  const { timers } = seam
  let id: string | null = null
  let resumed: boolean | null = null
  // What was sent (or is due to be resent) and not acknowledged: sent[i] is message first + i.
  let sent: string[] = []
  let first = 1
  // Every message from the server up to this one arrived, in order.
  let received = 0
  let unackedIn = 0
  let ackTimer: unknown = null
  let handshaking = false
  let recordPlanned = false

  // Unacknowledged counts change with every message: tell the store once per burst.
  const record = (): void => {
    if (recordPlanned) return
    recordPlanned = true
    queueMicrotask(() => {
      recordPlanned = false
      seam.record({ session: { id, resumed, unacked: sent.length } })
    })
  }
  record()

  const sendAck = (): void => {
    timers.clearTimeout(ackTimer)
    ackTimer = null
    unackedIn = 0
    seam.transmit(encodeControl({ type: 'ack', ack: received }))
  }

  const broken = (reason: string): void => {
    seam.fail('session', `the server broke the session protocol: ${reason}`)
    // A new socket resumes where the numbers last agreed.
    seam.drop(PROTOCOL_ERROR_CLOSE, 'session protocol error')
  }

  /** The server has every message up to `ack`: forget them. */
  const acked = (ack: number): boolean => {
    const last = first - 1 + sent.length
    if (ack > last) return false
    if (ack >= first) {
      sent = sent.slice(ack - first + 1)
      first = ack + 1
      record()
    }
    return true
  }

  /** Takes one frame from the server; returns what breaks the protocol in it, if anything. */
  function take(frame: SessionFrame): string | undefined {
    switch (frame.type) {
      case 'ready':
        if (!handshaking) return 'an answer to no handshake'
        handshaking = false
        if (!frame.resumed) {
          // A new session: what the old one had not acknowledged goes to this one, renumbered.
          first = 1
          received = 0
        } else if (!acked(frame.ack)) return `it acknowledged message ${frame.ack}, never sent`
        id = frame.id
        resumed = frame.resumed
        seam.record({ session: { id, resumed, unacked: sent.length } })
        seam.emit({ type: 'session', id, resumed, at: timers.now() })
        seam.ready()
        return
      case 'ack':
        return acked(frame.ack) ? undefined : `it acknowledged message ${frame.ack}, never sent`
      case 'data':
        if (handshaking) return 'a message before the handshake'
        if (frame.n === 0) {
          seam.deliver(frame.payload)
          return
        }
        if (frame.n > received + 1) return `message ${frame.n} after ${received}`
        // A message resent after a reconnect that had arrived already is dropped, and
        // acknowledged again so that the server stops resending it.
        if (frame.n === received + 1) {
          received = frame.n
          seam.deliver(frame.payload)
        }
        unackedIn++
        if (unackedIn >= ACK_EVERY) sendAck()
        else ackTimer ??= timers.setTimeout(sendAck, ACK_DELAY)
        return
      default:
        return frame.type === 'invalid' ? frame.reason : `a '${frame.type}' frame`
    }
  }

  return {
    open() {
      handshaking = true
      seam.transmit(encodeControl({ type: 'open', v: SESSION_PROTOCOL, id, ack: received }))
      return {
        kind: 'session',
        message: `the server did not answer the session handshake within connectTimeout${process.env.NODE_ENV !== 'production' ? ': does it run attachSessions from @lifeline/server?' : ''}`,
      }
    },
    replay() {
      for (let i = 0; i < sent.length; i++) seam.transmit(encodeData(first + i, sent[i] as string))
    },
    receive(data) {
      const problem = typeof data === 'string' ? take(decodeFrame(data)) : 'a binary frame'
      if (problem !== undefined) broken(problem)
      return true
    },
    wrap(data, numbered) {
      if (typeof data !== 'string') {
        seam.fail('session', 'a session carries text frames only: binary data was not sent')
        return 'refuse'
      }
      if (!numbered) return encodeData(0, data)
      // Not acknowledged for a while (a frozen server): hold the rest back in the queue.
      if (sent.length >= buffer) return 'hold'
      sent.push(data)
      record()
      return encodeData(first + sent.length - 1, data)
    },
    room: () => buffer - sent.length,
    close() {
      handshaking = false
      timers.clearTimeout(ackTimer)
      ackTimer = null
      unackedIn = 0
    },
    end() {
      seam.transmit(encodeControl({ type: 'end' }))
      id = null
      resumed = null
      sent = []
      first = 1
      received = 0
      record()
    },
  }
}
