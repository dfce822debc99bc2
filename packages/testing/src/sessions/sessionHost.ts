import {
  acknowledge,
  arrival,
  createAckBatch,
  decodeFrame,
  encodeControl,
  encodeData,
  lastNumber,
  type Outgoing,
  type SessionFrame,
} from '@lifeline/core/session'

/** Close codes of the protocol (`packages/server/PROTOCOL.md`): not the protocol; bad numbers. */
const BAD_FRAME = 4400
const BAD_NUMBERS = 4409

/** One socket as the session host writes to it: raw frames of the protocol, and a close. */
export interface SessionLink {
  write(frame: string): void
  close(code: number, reason: string): void
}

/** Timers for acknowledgements in batches. */
export type AckTimers = Parameters<typeof createAckBatch>[0]

/**
 * The server half of the session protocol (`packages/server/PROTOCOL.md`) over any transport, in
 * memory, for fakes and mocks: `createWebSocketMock` speaks sessions with it, and a fake server of
 * your own can too. Written with core's codec and numbering, so it says what `attachSessions`
 * says.
 */
export interface SessionHost {
  /** Answers a handshake on `link`; returns the session id, or `null` when the link was refused. */
  open(link: SessionLink, frame: Extract<SessionFrame, { type: 'open' }>): string | null
  /** A later frame of the session on `link`: app payloads go to `deliver`, in order, once. */
  take(link: SessionLink, text: string, deliver: (payload: string) => void): void
  /** Sends an app message to session `id`: numbered, kept until acknowledged, resent on resume. */
  send(id: string, payload: string): void
  /** The link is gone; its session waits for the client to resume it. */
  detach(link: SessionLink): void
  /** Session ids held now. */
  ids(): string[]
  /** Forgets every session (a server restarted without a shared store). */
  forget(): void
}

interface Held {
  readonly id: string
  readonly out: Outgoing
  received: number
  link: SessionLink | null
  readonly batch: ReturnType<typeof createAckBatch>
}

/**
 * Creates a session host whose ids are `mock-1`, `mock-2`, … (readable in failure messages).
 *
 * @example
 * ```ts
 * const host = createSessionHost({ setTimeout, clearTimeout })
 * const link = { write: (frame: string) => socket.send(frame), close: (code: number, reason: string) => socket.close(code, reason) }
 * // the first frame of a socket: host.open(link, decodeFrame(text)); later ones: host.take(link, text, onPayload)
 * ```
 */
export function createSessionHost(timers: AckTimers): SessionHost {
  const sessions = new Map<string, Held>()
  const byLink = new Map<SessionLink, Held>()
  let made = 0

  const make = (): Held => {
    const id = `mock-${++made}`
    const held: Held = {
      id,
      out: { first: 1, messages: [] },
      received: 0,
      link: null,
      batch: createAckBatch(timers, () =>
        held.link?.write(encodeControl({ type: 'ack', ack: held.received })),
      ),
    }
    sessions.set(id, held)
    return held
  }

  const refuse = (link: SessionLink, code: number, reason: string): void => {
    const held = byLink.get(link)
    if (held !== undefined) release(held)
    link.close(code, reason)
  }

  const release = (held: Held): void => {
    if (held.link !== null) byLink.delete(held.link)
    held.link = null
    held.batch.cancel()
  }

  return {
    open(link, frame) {
      let held = frame.id === null ? undefined : sessions.get(frame.id)
      const resumed = held !== undefined
      if (held !== undefined && !acknowledge(held.out, frame.ack)) {
        link.close(BAD_NUMBERS, `acknowledged message ${frame.ack}, never sent`)
        return null
      }
      held ??= make()
      // The newest socket wins: an older one of the same session is a half-open leftover.
      const previous = held.link
      if (previous !== null) {
        release(held)
        previous.close(BAD_NUMBERS, 'the session resumed on another socket')
      }
      held.link = link
      byLink.set(link, held)
      link.write(encodeControl({ type: 'ready', id: held.id, resumed, ack: held.received }))
      held.out.messages.forEach((message, i) => {
        link.write(encodeData(held.out.first + i, message))
      })
      return held.id
    },
    take(link, text, deliver) {
      const held = byLink.get(link)
      if (held === undefined) return
      const frame = decodeFrame(text)
      switch (frame.type) {
        case 'data': {
          // Number 0: the client's `hello`, unnumbered, neither acknowledged nor kept.
          if (frame.n === 0) return deliver(frame.payload)
          const verdict = arrival(frame.n, held.received)
          if (verdict === 'gap') {
            return refuse(link, BAD_NUMBERS, `message ${frame.n} after ${held.received}`)
          }
          held.batch.count()
          if (verdict === 'next') {
            held.received = frame.n
            deliver(frame.payload)
          }
          return
        }
        case 'ack':
          if (!acknowledge(held.out, frame.ack)) {
            refuse(link, BAD_NUMBERS, `acknowledged message ${frame.ack}, never sent`)
          }
          return
        case 'end':
          release(held)
          sessions.delete(held.id)
          link.close(1000, 'session ended')
          return
        case 'open':
          return refuse(link, BAD_FRAME, 'one session per socket')
        default:
          return refuse(link, BAD_FRAME, frame.type === 'invalid' ? frame.reason : 'a server frame')
      }
    },
    send(id, payload) {
      const held = sessions.get(id)
      if (held === undefined) return
      held.out.messages.push(payload)
      held.link?.write(encodeData(lastNumber(held.out), payload))
    },
    detach(link) {
      const held = byLink.get(link)
      if (held !== undefined) release(held)
    },
    ids: () => [...sessions.keys()],
    forget() {
      for (const held of sessions.values()) release(held)
      sessions.clear()
    },
  }
}
