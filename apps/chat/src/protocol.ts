// The chat's wire protocol, shared by the browser app and its Node server. Every frame is JSON
// text, except on the lab endpoint (/lab), which echoes raw text and answers 'ping' with 'pong'.

/** Longest chat message, in characters. */
export const MAX_TEXT = 2_000
/** Longest name or room, in characters. */
export const MAX_NAME = 32
/** Longest client reference (`ref`) or reconnect key (`key`), in characters. */
export const MAX_REF = 64
/**
 * The chat client's queue (`queue.maxSize`): what it may send at once after a reconnect, its join
 * included. The server's rate limit lets at least this burst through on every new connection.
 */
export const CHAT_QUEUE = 100

/** The JSON heartbeat of the chat endpoint (the lab uses plain 'ping' / 'pong'). */
export const HEARTBEAT = { ping: '{"type":"heartbeat"}', pong: '{"type":"heartbeat_ack"}' } as const

/** What a client sends on /chat. */
export type ClientMessage =
  | {
      readonly type: 'join'
      readonly room: string
      readonly name: string
      /**
       * A secret the client picks once and sends with every join: a join that presents the key
       * its name was taken with takes the name over (the same client back after a lost link).
       */
      readonly key?: string
    }
  /** `ref` is the client's own reference for the line, echoed back to it alone. */
  | { readonly type: 'say'; readonly ref: string; readonly text: string }
  | { readonly type: 'leave' }

/** A chat line as everyone in the room sees it. `id` is assigned by the server. */
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
  /** `ref` only in the copy sent to the line's own sender: the client's reference for it. */
  | ({ readonly type: 'message'; readonly room: string; readonly ref?: string } & ChatLine)
  | { readonly type: 'joined'; readonly name: string; readonly at: number }
  | { readonly type: 'left'; readonly name: string; readonly at: number }
  /** `ref`: the refused line's, when a `say` was refused. */
  | {
      readonly type: 'error'
      readonly code: ErrorCode
      readonly message: string
      readonly ref?: string
    }

/** Why the server refused a frame; the connection stays up for all of them. */
export type ErrorCode =
  | 'bad-json'
  | 'bad-message'
  | 'bad-name'
  | 'name-taken'
  | 'room-full'
  | 'not-joined'
  | 'rate-limited'

/** A client frame checked, or why it is refused (with the `ref` of a refused `say`, if it had one). */
export type Parsed =
  | { readonly ok: true; readonly message: ClientMessage }
  | {
      readonly ok: false
      readonly code: ErrorCode
      readonly message: string
      readonly ref?: string
    }

/** Control characters a chat line may not carry (tab and newline are fine). */
const CONTROLS = /(?![\t\n])\p{Cc}/u

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max && value.trim().length > 0

/** A short, safe description of any value: no recursion, so no input can exhaust the stack. */
function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 32 ? `${value.slice(0, 32)}…` : value)
  if (Array.isArray(value)) return 'an array'
  return value === null ? 'null' : typeof value
}

/**
 * Checks a text frame from a client. Total: any text (deeply nested JSON included) gives a result,
 * never a throw. Names and rooms are checked further by the server (`server/names.ts`).
 */
export function parseClientMessage(text: string): Parsed {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, code: 'bad-json', message: 'frames must be JSON' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, code: 'bad-message', message: 'frames must be JSON objects' }
  }
  const m = value as Record<string, unknown>
  switch (m['type']) {
    case 'join': {
      const key = m['key']
      if (isText(m['room'], 4 * MAX_NAME) && isText(m['name'], 4 * MAX_NAME)) {
        if (key === undefined)
          return { ok: true, message: { type: 'join', room: m['room'], name: m['name'] } }
        if (isText(key, MAX_REF)) {
          return { ok: true, message: { type: 'join', room: m['room'], name: m['name'], key } }
        }
      }
      return {
        ok: false,
        code: 'bad-message',
        message: `join needs a room and a name of 1–${MAX_NAME} characters, and a key of at most ${MAX_REF}`,
      }
    }
    case 'say': {
      const ref = isText(m['ref'], MAX_REF) ? m['ref'] : undefined
      const refusal = {
        ok: false,
        code: 'bad-message',
        ...(ref === undefined ? {} : { ref }),
      } as const
      if (ref === undefined)
        return { ...refusal, message: `say needs a ref of 1–${MAX_REF} characters` }
      if (!isText(m['text'], MAX_TEXT)) {
        return { ...refusal, message: `say needs a text of 1–${MAX_TEXT} characters` }
      }
      if (CONTROLS.test(m['text']))
        return { ...refusal, message: 'a line may not hold control characters' }
      return { ok: true, message: { type: 'say', ref, text: m['text'] } }
    }
    case 'leave':
      return { ok: true, message: { type: 'leave' } }
    default:
      return {
        ok: false,
        code: 'bad-message',
        message: `unknown message type ${describe(m['type'])}`,
      }
  }
}
