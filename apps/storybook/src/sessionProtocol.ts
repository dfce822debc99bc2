import { decodeFrame } from '@lifeline/core/session'
import { createSessionHost, type SessionLink } from '@lifeline/testing'
import type { FakeProtocol } from './protocols.js'

/**
 * `inner` spoken over Lifeline sessions by the testing kit's session host, the server half the MSW
 * mock speaks too: a handshake answered with `ready` (resumed when the session is held), numbered
 * messages both ways, acknowledgements in batches, and a resend of what the client has not
 * acknowledged after a resume. Sessions live in the fake server's memory: `restart()` forgets them,
 * as a real server restart without a shared store does.
 */
export function sessionProtocol(inner: FakeProtocol): FakeProtocol {
  const host = createSessionHost({
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  })
  const links = new WeakMap<object, SessionLink>()
  /** The session each socket speaks for, once its handshake was answered. */
  const sessionOf = new WeakMap<object, string>()
  // The session is the inner protocol's member, as on the real server: a resumed session is still
  // in its room. One key object per session id.
  const members = new Map<string, object>()
  // The burst goes to the session of the newest socket: the scenario has one live link at a time.
  let newest: string | null = null

  const answer = (id: string, payload: string): void => {
    let member = members.get(id)
    if (member === undefined) {
      member = {}
      members.set(id, member)
    }
    for (const reply of inner.reply(payload, member)) host.send(id, reply)
  }

  return {
    pong: (data) => inner.pong(data),
    opened(socket, link) {
      links.set(socket, link)
    },
    closed(socket) {
      const link = links.get(socket)
      if (link !== undefined) host.detach(link)
    },
    reply(data, socket) {
      const link = links.get(socket)
      if (typeof data !== 'string' || link === undefined) return []
      const id = sessionOf.get(socket)
      if (id === undefined) {
        const frame = decodeFrame(data)
        if (frame.type !== 'open') {
          link.close(4400, 'a session socket starts with the handshake')
          return []
        }
        const opened = host.open(link, frame)
        if (opened !== null) {
          sessionOf.set(socket, opened)
          newest = opened
        }
        return []
      }
      host.take(link, data, (payload) => answer(id, payload))
      return []
    },
    burst(n, count) {
      const frame = inner.burst(n, count)
      if (newest !== null && frame !== null) host.send(newest, frame)
      return null
    },
    restart() {
      host.forget()
      members.clear()
      newest = null
    },
  }
}
