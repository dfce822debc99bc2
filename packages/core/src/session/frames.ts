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

/** One kind of frame. */
type FrameOf<T extends SessionFrame['type']> = Extract<SessionFrame, { readonly type: T }>

/** What a client reads: what a server sends. */
export type ServerFrame = FrameOf<'data' | 'ready' | 'ack' | 'invalid'>

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

/** The fields of a control frame, as parsed and not yet checked. */
interface ControlFields {
  readonly s?: unknown
  readonly v?: unknown
  readonly id?: unknown
  readonly ack?: unknown
  readonly resumed?: unknown
}

/** Checks the fields of one kind of control frame: the frame, or `undefined` when they are bad. */
type ControlReader<F extends SessionFrame> = (fields: ControlFields) => F | undefined

const isId = (value: unknown): value is string => typeof value === 'string' && ID.test(value)

const readOpen: ControlReader<FrameOf<'open' | 'invalid'>> = ({ v, id, ack }) => {
  if (v !== SESSION_PROTOCOL) {
    return { type: 'invalid', reason: `protocol version ${v}, not ${SESSION_PROTOCOL}` }
  }
  if (isCount(ack) && (id === null || isId(id))) return { type: 'open', v, id, ack }
}
const readReady: ControlReader<FrameOf<'ready'>> = ({ id, resumed, ack }) => {
  if (isCount(ack) && isId(id) && typeof resumed === 'boolean') {
    return { type: 'ready', id, resumed, ack }
  }
}
const readAck: ControlReader<FrameOf<'ack'>> = ({ ack }) =>
  isCount(ack) ? { type: 'ack', ack } : undefined
const readEnd: ControlReader<FrameOf<'end'>> = () => ({ type: 'end' })

/** Decodes `text` accepting the control frames of `readers` (by their `s`). Total: never throws. */
function decodeWith<F extends SessionFrame>(
  text: string,
  readers: Readonly<Record<string, ControlReader<F>>>,
): F | FrameOf<'data' | 'invalid'> {
  const data = DATA.exec(text)
  if (data !== null) {
    const digits = data[1] as string
    return { type: 'data', n: Number(digits), payload: text.slice(digits.length + 1) }
  }
  if (text[0] !== '{') return { type: 'invalid', reason: 'not a session frame' }
  let fields: ControlFields
  try {
    fields = JSON.parse(text)
  } catch {
    return { type: 'invalid', reason: 'a control frame that is not JSON' }
  }
  // Own keys only: `s: "constructor"` must not find Object's.
  const { s } = fields
  const read = typeof s === 'string' && Object.hasOwn(readers, s) ? readers[s] : undefined
  return read?.(fields) ?? { type: 'invalid', reason: 'a control frame with bad fields' }
}

/**
 * Decodes a text frame of the session protocol, any frame either side may send (what a server
 * reads). Total: any text, of any size or shape, gives a frame or `invalid` with the reason; it
 * never throws.
 */
export function decodeFrame(text: string): SessionFrame {
  return decodeWith<SessionFrame>(text, {
    open: readOpen,
    ready: readReady,
    ack: readAck,
    end: readEnd,
  })
}

/**
 * Decodes a frame a client reads: data, `ready` and `ack`; a control frame only a client sends is
 * `invalid`. Total, as `decodeFrame`; a client bundle carries no check of the others' frames.
 */
export function decodeServerFrame(text: string): ServerFrame {
  return decodeWith<ServerFrame>(text, { ready: readReady, ack: readAck })
}
