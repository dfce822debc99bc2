// What attachHeartbeat needs to know about a frame without trusting it: its size, and whether it
// is a heartbeat. Nothing here throws, whatever `ws` or a user's function hands it.

/** A frame's payload in bytes, in any shape `ws` delivers (Buffer, ArrayBuffer, Buffer[]). */
export function frameSize(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data)
  // Fragments are one level deep: no recursion, so no input can exhaust the stack.
  if (Array.isArray(data)) return data.reduce((sum: number, part) => sum + byteLength(part), 0)
  return byteLength(data)
}

const byteLength = (data: unknown): number => {
  const length = (data as { byteLength?: unknown } | null)?.byteLength
  return typeof length === 'number' ? length : 0
}

/** A frame's payload as text, in any shape `ws` delivers; never throws. */
export function frameText(data: unknown): string {
  if (typeof data === 'string') return data
  if (Buffer.isBuffer(data)) return data.toString()
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString()
  if (Array.isArray(data) && data.every(Buffer.isBuffer)) return Buffer.concat(data).toString()
  return ''
}

/** A matcher over a frame's text that does not decode frames that cannot match a fixed string. */
export function textMatcher(
  ping: string | ((text: string) => boolean),
): (data: unknown) => boolean {
  if (typeof ping === 'function') {
    return (data) => {
      try {
        return Boolean(ping(frameText(data)))
      } catch {
        // "Not a heartbeat": so `(t) => JSON.parse(t).type === 'heartbeat'` is safe on any frame.
        return false
      }
    }
  }
  const bytes = Buffer.byteLength(ping)
  return (data) => {
    if (typeof data === 'string') return data === ping
    return frameSize(data) === bytes && frameText(data) === ping
  }
}

/** The reply of a `pong` function, or `undefined` when it throws or returns no string. */
export function safeReply(reply: (text: string) => string, text: string): string | undefined {
  try {
    const answer: unknown = reply(text)
    return typeof answer === 'string' ? answer : undefined
  } catch {
    return undefined
  }
}
