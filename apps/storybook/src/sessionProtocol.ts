import {
  acknowledge,
  arrival,
  decodeFrame,
  encodeControl,
  encodeData,
  type Outgoing,
} from '@lifeline/core/session'
import type { FakeProtocol } from './protocols.js'

/** What the fake server holds of one session. */
interface Held {
  readonly id: string
  readonly out: Outgoing
  /** The client's messages up to this number arrived. */
  received: number
}

/**
 * `inner` spoken over Lifeline sessions (`packages/server/PROTOCOL.md`), as `attachSessions` does:
 * a handshake answered with `ready` (resumed when the session is held), numbered messages both
 * ways, an acknowledgement for every client message, and a resend of what the client has not
 * acknowledged after a resume. Sessions live in the fake server's memory: `restart()` forgets
 * them, as a real server restart without a shared store does.
 */
export function sessionProtocol(inner: FakeProtocol): FakeProtocol {
  const sessions = new Map<string, Held>()
  const onLink = new WeakMap<object, Held>()
  let made = 0
  // The burst goes to the session of the newest link: the scenario has one live link at a time.
  let newest: Held | undefined

  const numbered = (held: Held, payload: string): string => {
    held.out.messages.push(payload)
    return encodeData(held.out.first + held.out.messages.length - 1, payload)
  }
  const unacked = (held: Held): string[] =>
    held.out.messages.map((payload, i) => encodeData(held.out.first + i, payload))

  return {
    pong: (data) => inner.pong(data),
    reply(data, link) {
      if (typeof data !== 'string') return []
      const frame = decodeFrame(data)
      switch (frame.type) {
        case 'open': {
          const found = frame.id === null ? undefined : sessions.get(frame.id)
          const held = found ?? {
            id: `fake-${++made}`,
            out: { first: 1, messages: [] },
            received: 0,
          }
          if (found) acknowledge(found.out, frame.ack)
          sessions.set(held.id, held)
          onLink.set(link, held)
          newest = held
          const resumed = found !== undefined
          const ready = encodeControl({ type: 'ready', id: held.id, resumed, ack: held.received })
          return [ready, ...unacked(held)]
        }
        case 'data': {
          const held = onLink.get(link)
          if (held === undefined) return []
          if (frame.n !== 0) {
            if (arrival(frame.n, held.received) !== 'next') return []
            held.received = frame.n
          }
          // The session is the inner protocol's member, as on the real server: a resumed session is
          // still in its room.
          const replies = inner.reply(frame.payload, held).map((reply) => numbered(held, reply))
          if (frame.n === 0) return replies
          return [...replies, encodeControl({ type: 'ack', ack: held.received })]
        }
        case 'ack': {
          const held = onLink.get(link)
          if (held !== undefined) acknowledge(held.out, frame.ack)
          return []
        }
        case 'end': {
          const held = onLink.get(link)
          if (held !== undefined) sessions.delete(held.id)
          return []
        }
        default:
          return []
      }
    },
    burst(n, count) {
      const frame = inner.burst(n, count)
      return newest === undefined ? frame : numbered(newest, frame)
    },
    restart() {
      sessions.clear()
      newest = undefined
    },
  }
}
