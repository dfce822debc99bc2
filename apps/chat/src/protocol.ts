// The chat's wire protocol, shared by the browser app and its Node server. Every frame is JSON
// text, except on the lab endpoint (/lab), which echoes raw text and answers 'ping' with 'pong'.

/** Longest chat message, in characters. */
export const MAX_TEXT = 2_000
/** Longest name or room, in characters. */
export const MAX_NAME = 32

/** The JSON heartbeat of the chat endpoint (the lab uses plain 'ping' / 'pong'). */
export const HEARTBEAT = { ping: '{"type":"heartbeat"}', pong: '{"type":"heartbeat_ack"}' } as const

/** What a client sends on /chat. */
export type ClientMessage =
  | { readonly type: 'join'; readonly room: string; readonly name: string }
  | { readonly type: 'say'; readonly id: string; readonly text: string }
  | { readonly type: 'leave' }

/** A chat line as everyone in the room sees it. `id` is the sender's own id for it. */
export interface ChatLine {
  readonly id: string
  readonly name: string
  readonly text: string
  readonly at: number
}

/** What the server sends on /chat. */
export type ServerMessage =
  | {
      readonly type: 'welcome'
      readonly room: string
      readonly name: string
      readonly members: readonly string[]
      readonly history: readonly ChatLine[]
    }
  | ({ readonly type: 'message'; readonly room: string } & ChatLine)
  | { readonly type: 'joined'; readonly name: string; readonly at: number }
  | { readonly type: 'left'; readonly name: string; readonly at: number }
  | { readonly type: 'error'; readonly code: ErrorCode; readonly message: string }

/** Why the server refused a frame; the connection stays up for all of them. */
export type ErrorCode = 'bad-json' | 'bad-message' | 'not-joined' | 'rate-limited'

/** A client frame checked, or why it is refused. */
export type Parsed =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string }

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max

/** Checks a text frame from a client; never throws. */
export function parseClientMessage(text: string): Parsed {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, code: 'bad-json', message: 'frames must be JSON' }
  }
  if (typeof value !== 'object' || value === null) {
    return { ok: false, code: 'bad-message', message: 'frames must be JSON objects' }
  }
  const m = value as Record<string, unknown>
  switch (m['type']) {
    case 'join':
      if (isText(m['room'], MAX_NAME) && isText(m['name'], MAX_NAME)) {
        return {
          ok: true,
          message: { type: 'join', room: m['room'].trim(), name: m['name'].trim() },
        }
      }
      return {
        ok: false,
        code: 'bad-message',
        message: `join needs a room and a name of 1–${MAX_NAME} characters`,
      }
    case 'say':
      if (isText(m['id'], 64) && isText(m['text'], MAX_TEXT)) {
        return { ok: true, message: { type: 'say', id: m['id'], text: m['text'] } }
      }
      return {
        ok: false,
        code: 'bad-message',
        message: `say needs an id and a text of 1–${MAX_TEXT} characters`,
      }
    case 'leave':
      return { ok: true, message: { type: 'leave' } }
    default:
      return {
        ok: false,
        code: 'bad-message',
        message: `unknown message type ${JSON.stringify(m['type'])}`,
      }
  }
}
