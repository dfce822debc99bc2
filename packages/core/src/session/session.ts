import type { Capability, CapabilityHooks, Seam } from '../capability.js'
import {
  decodeServerFrame,
  encodeControl,
  encodeData,
  SESSION_PROTOCOL,
  type ServerFrame,
} from './frames.js'
import { acknowledge, arrival, createAckBatch, lastNumber, type Outgoing } from './sequence.js'

/** Options of `session()`. */
export interface SessionOptions {
  /**
   * The most messages kept until the server acknowledges them, queued ones included. Past it the
   * queue's overflow policy applies, and `dropped` counts what it drops. Default `1_000`.
   */
  buffer?: number
}

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
 * carry text frames; binary data is refused with error `'session'`. `disconnect()`, `destroy()` and
 * a page that goes away (`pagehide`) end the session at the server. The same `session()` may serve
 * several connections: each gets a session of its own.
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
  // The options only: each connection it is plugged into gets a session of its own.
  return { attach: (seam) => attachSession(seam, buffer) }
}

function attachSession<In>(seam: Seam<In>, buffer: number): CapabilityHooks {
  const { timers } = seam
  let id: string | null = null
  let resumed: boolean | null = null
  // What was sent (or is due to be resent) and not acknowledged.
  const out: Outgoing = { first: 1, messages: [] }
  // Every message from the server up to this one arrived, in order.
  let received = 0
  let handshaking = false
  let recordPlanned = false

  const publish = (): void =>
    seam.record({ session: { id, resumed, unacked: out.messages.length } })
  // Unacknowledged counts change with every message: tell the store once per burst.
  const record = (): void => {
    if (recordPlanned) return
    recordPlanned = true
    queueMicrotask(() => {
      recordPlanned = false
      publish()
    })
  }
  record()

  const acks = createAckBatch(timers, () =>
    seam.transmit(encodeControl({ type: 'ack', ack: received })),
  )

  // A page that goes away (closed, reloaded, navigated off) cannot resume: its session ends with
  // it (`pagehide`), so the server neither keeps it nor leaves the others waiting for it for a
  // whole ttl. Outside a browser `globalThis` has no such event, and the optional calls skip it.
  const end = (): void => seam.transmit(encodeControl({ type: 'end' }))

  const broken = (reason: string): void => {
    seam.fail('session', `the server broke the session protocol: ${reason}`)
    // A new socket resumes where the numbers last agreed.
    seam.drop(PROTOCOL_ERROR_CLOSE, 'session protocol error')
  }

  /** The server has every message up to `ack`: forget them; says what is wrong if it cannot. */
  const acked = (ack: number): string | undefined => {
    const known = acknowledge(out, ack)
    record()
    return known ? undefined : `it acknowledged message ${ack}, never sent`
  }

  /** Takes one frame from the server; returns what breaks the protocol in it, if anything. */
  function take(frame: ServerFrame): string | undefined {
    switch (frame.type) {
      case 'ready': {
        if (!handshaking) return 'an answer to no handshake'
        handshaking = false
        if (frame.resumed) {
          const problem = acked(frame.ack)
          if (problem !== undefined) return problem
        } else {
          // A new session: what the old one had not acknowledged goes to this one, renumbered.
          out.first = 1
          received = 0
        }
        id = frame.id
        resumed = frame.resumed
        publish()
        seam.emit({ type: 'session', id, resumed, at: timers.now() })
        globalThis.addEventListener?.('pagehide', end)
        seam.ready()
        return
      }
      case 'ack':
        return acked(frame.ack)
      case 'data':
        if (handshaking) return 'a message before the handshake'
        if (frame.n === 0) {
          seam.deliver(frame.payload)
          return
        }
        switch (arrival(frame.n, received)) {
          case 'gap':
            return `message ${frame.n} after ${received}`
          case 'next':
            received = frame.n
            seam.deliver(frame.payload)
        }
        acks.count()
        return
      case 'invalid':
        return frame.reason
    }
  }

  return {
    open() {
      handshaking = true
      seam.transmit(encodeControl({ type: 'open', v: SESSION_PROTOCOL, id, ack: received }))
      return {
        kind: 'session',
        message: `no answer to the session handshake within connectTimeout${process.env.NODE_ENV !== 'production' ? ': does it run attachSessions from @lifeline/server?' : ''}`,
      }
    },
    replay() {
      let n = out.first
      for (const payload of out.messages) seam.transmit(encodeData(n++, payload))
    },
    receive(data) {
      const problem = typeof data === 'string' ? take(decodeServerFrame(data)) : 'a binary frame'
      if (problem !== undefined) broken(problem)
      return true
    },
    wrap(data, numbered) {
      if (typeof data !== 'string') {
        seam.fail('session', 'a session carries text only: binary data was not sent')
        return 'refuse'
      }
      if (!numbered) return encodeData(0, data)
      // Not acknowledged for a while (a frozen server): hold the rest back in the queue.
      if (out.messages.length >= buffer) return 'hold'
      out.messages.push(data)
      record()
      return encodeData(lastNumber(out), data)
    },
    room: () => buffer - out.messages.length,
    close() {
      handshaking = false
      acks.cancel()
      globalThis.removeEventListener?.('pagehide', end)
    },
    end() {
      end()
      // The next handshake asks for a new session (no id), whose `ready` restarts the numbering.
      id = null
      resumed = null
      out.messages = []
      record()
    },
  }
}
