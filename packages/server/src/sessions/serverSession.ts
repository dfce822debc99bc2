import {
  acknowledge,
  arrival,
  createAckBatch,
  encodeControl,
  encodeData,
  lastNumber,
  type Outgoing,
  type SessionFrame,
} from '@lifeline/core/session'
import type { ServerSession, SessionEndReason, SessionRecord } from './types.js'

/** The socket a session writes to while the client is there. */
export interface SessionLink {
  /** `false` when the frame was not handed to the socket (held back by backpressure, or closed). */
  send(frame: string): boolean
  close(code: number, reason: string): void
  /** Bytes handed to the socket and not yet written (`ws`'s `bufferedAmount`). */
  buffered(): number
}

/** What one session needs from the server around it. */
export interface SessionDeps {
  readonly buffer: number
  readonly maxBuffered: number
  /** The session changed while it has no socket: a shared store keeps the new record. */
  readonly away: (record: SessionRecord) => void
  readonly ended: (reason: SessionEndReason) => void
  /** An app handler threw: the session's socket is closed with 1011, the error logged. */
  readonly crashed: (error: unknown) => void
}

/** One session's numbering, buffers and acknowledgements; the wiring to sockets is the caller's. */
export interface SessionCore {
  readonly api: ServerSession
  /**
   * Gives the session `link`, after the client's handshake said it has everything up to `ack`:
   * answers it, then replays what the client has not acknowledged. `false` (nothing done) when
   * the client acknowledges a message never sent.
   */
  attach(link: SessionLink, ack: number, resumed: boolean): boolean
  /** The socket is gone; returns the record to keep. */
  detach(): SessionRecord
  /** Takes one frame of the client; returns what breaks the protocol in it, if anything. */
  take(frame: SessionFrame): string | undefined
  /** Writes what waited for a slow client to read (call when it did: an ack arrived). */
  flush(): void
  /** Ends the session without a word to the client (it starts a new one when it comes back). */
  end(reason: SessionEndReason): void
  record(): SessionRecord
}

/** Creates the core of one session from its record (a new one, or one to resume). */
export function createSessionCore(
  record: SessionRecord,
  resumedHere: boolean,
  deps: SessionDeps,
): SessionCore {
  const { id } = record
  const out: Outgoing = { first: record.firstOut, messages: [...record.pending] }
  let received = record.received
  let link: SessionLink | null = null
  // The last message written to the current socket.
  let written = 0
  let over = false
  const messageListeners = new Set<(data: string) => void>()
  const endListeners = new Set<(reason: SessionEndReason) => void>()

  const snapshot = (): SessionRecord => ({
    id,
    pending: out.messages,
    firstOut: out.first,
    received,
  })
  const acks = createAckBatch({ setTimeout, clearTimeout }, () =>
    link?.send(encodeControl({ type: 'ack', ack: received })),
  )

  /** Writes pending messages, in order, while the socket keeps up. */
  function flush(): void {
    if (link === null) return
    while (written < lastNumber(out) && link.buffered() <= deps.maxBuffered) {
      const n = written + 1
      if (!link.send(encodeData(n, out.messages[n - out.first] as string))) break
      written = n
    }
  }

  function deliver(data: string): void {
    for (const listener of messageListeners) {
      try {
        listener(data)
      } catch (error) {
        deps.crashed(error)
        return
      }
    }
  }

  function end(reason: SessionEndReason): void {
    if (over) return
    over = true
    acks.cancel()
    out.messages = []
    for (const listener of endListeners) {
      try {
        listener(reason)
      } catch (error) {
        console.error('[lifeline] a session onEnd listener threw:', error)
      }
    }
    deps.ended(reason)
  }

  const api: ServerSession = {
    id,
    resumed: resumedHere,
    onMessage(listener) {
      messageListeners.add(listener)
      return () => messageListeners.delete(listener)
    },
    send(data) {
      if (over || typeof data !== 'string' || out.messages.length >= deps.buffer) return 'dropped'
      out.messages.push(data)
      if (link === null) {
        deps.away(snapshot())
        return 'buffered'
      }
      flush()
      return written === lastNumber(out) ? 'sent' : 'buffered'
    },
    onEnd(listener) {
      endListeners.add(listener)
      return () => endListeners.delete(listener)
    },
    end() {
      const current = link
      end('ended')
      current?.close(1000, 'session ended')
    },
  }

  return {
    api,
    attach(next, ack, resumed) {
      if (!acknowledge(out, ack)) return false
      link = next
      written = out.first - 1
      next.send(encodeControl({ type: 'ready', id, resumed, ack: received }))
      flush()
      return true
    },
    detach() {
      link = null
      acks.cancel()
      return snapshot()
    },
    take(frame) {
      switch (frame.type) {
        case 'data':
          if (frame.n === 0) {
            deliver(frame.payload)
            return
          }
          switch (arrival(frame.n, received)) {
            case 'gap':
              return `message ${frame.n} after ${received}`
            case 'next':
              received = frame.n
              deliver(frame.payload)
          }
          // A resend of what arrived already is acknowledged again, so the client stops resending.
          acks.count()
          return
        case 'ack':
          if (!acknowledge(out, frame.ack)) return `acknowledged message ${frame.ack}, never sent`
          flush()
          return
        case 'end':
          api.end()
          return
        default:
          return frame.type === 'invalid'
            ? frame.reason
            : `a '${frame.type}' frame after the handshake`
      }
    },
    flush,
    end,
    record: snapshot,
  }
}
