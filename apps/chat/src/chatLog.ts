import type { SendResult } from '@lifeline/core'
import type { ServerMessage } from './protocol.js'

/**
 * How far one of our own messages got; other people's messages are always `'delivered'`.
 * `'dropped'`: it never went out (the queue was full, or the connection closed for good);
 * `'refused'`: the server said no (its reason is in `reason`).
 */
export type Delivery = 'pending' | 'delivered' | 'dropped' | 'refused'

/** One line of the chat log. */
export type ChatEntry =
  | {
      readonly kind: 'message'
      /** Ours: our `ref` for it (stable while it waits). Others': the server's id. */
      readonly id: string
      /** The server's id of one of our lines, once it was delivered. */
      readonly serverId?: string
      readonly name: string
      readonly text: string
      readonly at: number
      readonly own: boolean
      readonly delivery: Delivery
      /** Why it was dropped or refused, in words for the reader. */
      readonly reason?: string
      /** Ours only: waiting in Lifeline's queue now (until the link opens and the queue goes out). */
      readonly queued: boolean
      /** Ours only: it had to wait for the link, so its delivery is news worth announcing. */
      readonly waited: boolean
    }
  | { readonly kind: 'notice'; readonly id: string; readonly text: string; readonly at: number }

/** The chat log, and what it needs to stay consistent across reconnects. */
export interface ChatLog {
  readonly entries: readonly ChatEntry[]
  /** Notices made so far, for their ids. */
  readonly notices: number
  /** Whether a `welcome` came already: the next one is a rejoin after a reconnect. */
  readonly welcomed: boolean
}

export type ChatAction =
  /** A frame from the server, parsed but not yet checked. */
  | { readonly type: 'server'; readonly message: unknown; readonly at: number }
  /**
   * We said something, and `send` answered `result`: pending until the server echoes our `ref` (as
   * `id` here), queued while it waits for the link, dropped when the queue refused it.
   */
  | {
      readonly type: 'say'
      readonly id: string
      readonly name: string
      readonly text: string
      readonly at: number
      readonly result: SendResult
    }
  /** The link opened, and the queue went out with it: nothing of ours waits in it any more. */
  | { readonly type: 'flushed' }
  /** Our message will never go out. */
  | { readonly type: 'dropped'; readonly id: string; readonly reason?: string }
  /** The connection closed for good: what still waits will never be delivered. */
  | { readonly type: 'closed'; readonly reason: string }
  /**
   * The server started a new session where it had ours (it restarted, or we were away past its
   * ttl): what was said meanwhile may be missing, and the log says so rather than look complete.
   */
  | { readonly type: 'new-session'; readonly at: number }
  | { readonly type: 'reset' }

/** Most entries the log keeps; the oldest go first. */
export const CHAT_LOG_CAP = 500

/** The notice of a `new-session`. */
export const NEW_SESSION_NOTICE =
  'The server started a new session: messages sent while you were away may be missing.'

export const EMPTY_CHAT_LOG: ChatLog = { entries: [], notices: 0, welcomed: false }

type MessageEntry = Extract<ChatEntry, { kind: 'message' }>

/**
 * The chat log as a pure reducer. Our messages are matched with the server's echo by our `ref`,
 * so a message sent while the link was down turns from pending to delivered when it finally goes
 * out; a refusal that names our `ref` marks it refused, so nothing waits forever. The history of
 * a rejoin adds only the lines not already shown (by the server's ids).
 */
export function chatLogReducer(log: ChatLog, action: ChatAction): ChatLog {
  switch (action.type) {
    case 'reset':
      return EMPTY_CHAT_LOG
    case 'say':
      return append(log, [
        {
          kind: 'message',
          id: action.id,
          name: action.name,
          text: action.text,
          at: action.at,
          own: true,
          ...(action.result === 'dropped'
            ? { delivery: 'dropped', reason: 'the queue was full' }
            : { delivery: 'pending' }),
          queued: action.result === 'queued',
          waited: action.result === 'queued',
        },
      ])
    case 'flushed':
      if (!log.entries.some(isQueued)) return log
      return {
        ...log,
        entries: log.entries.map((e) => (isQueued(e) ? { ...e, queued: false } : e)),
      }
    case 'dropped':
      return update(
        log,
        (e) => e.own && e.id === action.id,
        (entry) => ({
          ...entry,
          delivery: 'dropped',
          reason: action.reason ?? 'the queue was full',
        }),
      )
    case 'closed':
      return update(
        log,
        (e) => e.own && e.delivery === 'pending',
        (entry) => ({
          ...entry,
          delivery: 'dropped',
          reason: action.reason,
        }),
      )
    case 'new-session':
      return notice(log, NEW_SESSION_NOTICE, action.at)
    case 'server':
      return receive(log, action.message, action.at)
  }
}

function receive(log: ChatLog, value: unknown, at: number): ChatLog {
  if (typeof value !== 'object' || value === null) return log
  // A server is another program: check the fields it fills before they reach the screen.
  const message = value as Record<string, unknown>
  switch (message['type'] as ServerMessage['type'] | undefined) {
    case 'welcome': {
      const members = Array.isArray(message['members']) ? message['members'].filter(isString) : []
      const verb = log.welcomed ? 'Rejoined' : 'Joined'
      const text = `${verb} ${str(message['room'])} as ${str(message['name'])}. Here: ${members.join(', ')}`
      const history: unknown[] = Array.isArray(message['history']) ? message['history'] : []
      let next = notice({ ...log, welcomed: true }, text, at)
      for (const line of history) next = addLine(next, line)
      return next
    }
    case 'message':
      return typeof message['ref'] === 'string'
        ? delivered(log, message['ref'], message)
        : addLine(log, message)
    case 'joined':
      return notice(log, `${str(message['name'])} joined`, num(message['at'], at))
    case 'left':
      return notice(log, `${str(message['name'])} left`, num(message['at'], at))
    case 'error': {
      const reason = `${str(message['message'])} (${str(message['code'])})`
      const refused = typeof message['ref'] === 'string' ? message['ref'] : undefined
      const next = notice(log, `Server refused: ${reason}`, at)
      if (refused === undefined) return next
      return update(
        next,
        (e) => e.own && e.id === refused && e.delivery !== 'delivered',
        (entry) => ({
          ...entry,
          delivery: 'refused',
          reason: str(message['message']),
        }),
      )
    }
    default:
      return log
  }
}

/**
 * The server's copy of one of our lines: ours is delivered, under the server's id. When a rejoin's
 * history showed that line already (as someone's, since history carries no `ref`), ours takes
 * that place and the copy goes.
 */
function delivered(log: ChatLog, ref: string, raw: Record<string, unknown>): ChatLog {
  const ours = log.entries.find(
    (e): e is MessageEntry => e.kind === 'message' && e.own && e.id === ref,
  )
  if (!ours) return addLine(log, raw)
  const serverId = typeof raw['id'] === 'string' && raw['id'] !== '' ? raw['id'] : undefined
  const done: MessageEntry = {
    ...ours,
    delivery: 'delivered',
    queued: false,
    at: num(raw['at'], ours.at),
    ...(serverId === undefined ? {} : { serverId }),
  }
  const copy =
    serverId === undefined ? -1 : log.entries.findIndex((e) => !isOwn(e) && e.id === serverId)
  if (copy === -1) return { ...log, entries: log.entries.map((e) => (e === ours ? done : e)) }
  const entries = log.entries.flatMap((e, index) =>
    index === copy ? [done] : e === ours ? [] : [e],
  )
  return { ...log, entries }
}

/** A server line of someone else (or a history line): added unless already shown. */
function addLine(log: ChatLog, value: unknown): ChatLog {
  if (typeof value !== 'object' || value === null) return log
  const raw = value as Record<string, unknown>
  // Without an id a line cannot be told from a copy of it (a rejoin's history): leave it out.
  if (typeof raw['id'] !== 'string' || raw['id'] === '') return log
  const id = raw['id']
  const shown = log.entries.some(
    (e) => e.kind === 'message' && (e.serverId === id || (!e.own && e.id === id)),
  )
  if (shown) return log
  const entry: ChatEntry = {
    kind: 'message',
    id,
    name: str(raw['name']),
    text: str(raw['text']),
    at: num(raw['at'], Date.now()),
    own: false,
    delivery: 'delivered',
    queued: false,
    waited: false,
  }
  // Lines of others that arrive while ours wait belong before ours: ours go out later.
  const firstPending = log.entries.findIndex(
    (e) => e.kind === 'message' && e.delivery === 'pending',
  )
  if (firstPending === -1) return append(log, [entry])
  const entries = [...log.entries.slice(0, firstPending), entry, ...log.entries.slice(firstPending)]
  return { ...log, entries: entries.slice(-CHAT_LOG_CAP) }
}

function notice(log: ChatLog, text: string, at: number): ChatLog {
  const entry: ChatEntry = { kind: 'notice', id: `notice-${log.notices + 1}`, text, at }
  return append({ ...log, notices: log.notices + 1 }, [entry])
}

function append(log: ChatLog, added: readonly ChatEntry[]): ChatLog {
  return { ...log, entries: [...log.entries, ...added].slice(-CHAT_LOG_CAP) }
}

function update(
  log: ChatLog,
  which: (entry: MessageEntry) => boolean,
  change: (entry: MessageEntry) => ChatEntry,
): ChatLog {
  const entries = log.entries.map((e) => (e.kind === 'message' && which(e) ? change(e) : e))
  return { ...log, entries }
}

/** Our messages waiting in Lifeline's queue now: what the user queued, whatever else the queue holds. */
export function countQueued(log: ChatLog): number {
  return log.entries.filter(isQueued).length
}

const isQueued = (entry: ChatEntry): boolean => entry.kind === 'message' && entry.queued
const isOwn = (entry: ChatEntry): boolean => entry.kind === 'message' && entry.own
const isString = (value: unknown): value is string => typeof value === 'string'
// Only strings and numbers are shown: `String()` of a deeply nested array would recurse.
const str = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
const num = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback
