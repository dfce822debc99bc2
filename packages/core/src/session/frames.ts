/** The version of the session wire protocol (`packages/server/PROTOCOL.md`). */
export const SESSION_PROTOCOL = 1

/** A session frame, decoded. Every text frame decodes to one of these; nothing throws. */
export type SessionFrame =
  /** An app message: `n` ≥ 1 is its number in the session; `0` an unnumbered one (`hello`). */
  | { readonly type: 'data'; readonly n: number; readonly payload: string }
  /** Client → server, first frame of every socket: resume `id` (or start one), received up to `ack`. */
  | { readonly type: 'open'; readonly v: number; readonly id: string | null; readonly ack: number }
  /** Server → client, the answer: the session, whether it was resumed, received up to `ack`. */
  | { readonly type: 'ready'; readonly id: string; readonly resumed: boolean; readonly ack: number }
  /** Either way: every message up to `ack` arrived. */
  | { readonly type: 'ack'; readonly ack: number }
  /** Client → server: the session is over (`disconnect()`). */
  | { readonly type: 'end' }
  /** Not a frame of the protocol; `reason` says why. */
  | { readonly type: 'invalid'; readonly reason: string }

/** Session ids: 1 to 64 characters of letters, digits, `-` and `_`. */
const ID = /^[\w-]{1,64}$/
// A message number: up to 15 digits keeps it a safe integer; no leading zeros but for 0 itself.
const DATA = /^(0|[1-9]\d{0,14}):/

// `isSafeInteger` is false for anything that is not a number, so it checks the type too.
const isCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0

/** Encodes an app message as the data frame numbered `n` (`0`: unnumbered). */
export function encodeData(n: number, payload: string): string {
  return `${n}:${payload}`
}

/** Encodes a control frame. */
export function encodeControl(
  frame: Exclude<SessionFrame, { type: 'data' } | { type: 'invalid' }>,
): string {
  const { type, ...fields } = frame
  return JSON.stringify({ s: type, ...fields })
}

/**
 * Decodes a text frame of the session protocol. Total: any text, of any size or shape, gives a
 * frame or `invalid` with the reason; it never throws.
 */
export function decodeFrame(text: string): SessionFrame {
  const data = DATA.exec(text)
  if (data !== null) {
    const digits = data[1] as string
    return { type: 'data', n: Number(digits), payload: text.slice(digits.length + 1) }
  }
  if (text[0] !== '{') return { type: 'invalid', reason: 'not a session frame' }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { type: 'invalid', reason: 'a control frame that is not JSON' }
  }
  const frame = value as {
    s?: unknown
    v?: unknown
    id?: unknown
    ack?: unknown
    resumed?: unknown
  }
  const validId = typeof frame.id === 'string' && ID.test(frame.id)
  switch (frame.s) {
    case 'open':
      if (frame.v !== SESSION_PROTOCOL)
        return {
          type: 'invalid',
          reason: `protocol version ${frame.v}, not ${SESSION_PROTOCOL}`,
        }
      if (!isCount(frame.ack) || (frame.id !== null && !validId)) break
      return { type: 'open', v: frame.v, id: frame.id as string | null, ack: frame.ack }
    case 'ready':
      if (!isCount(frame.ack) || !validId || typeof frame.resumed !== 'boolean') break
      return { type: 'ready', id: frame.id as string, resumed: frame.resumed, ack: frame.ack }
    case 'ack':
      if (!isCount(frame.ack)) break
      return { type: 'ack', ack: frame.ack }
    case 'end':
      return { type: 'end' }
  }
  return { type: 'invalid', reason: 'a control frame with bad fields' }
}
