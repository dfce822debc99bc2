import type { SendResult } from '@lifeline/core'
import type { ChatLine, ServerMessage } from './protocol.js'

/** How far one of our own messages got; other people's messages are always `'delivered'`. */
export type Delivery = 'pending' | 'delivered' | 'dropped'

/** One line of the chat log. */
export type ChatEntry =
  | {
      readonly kind: 'message'
      /** The sender's id for the message: ours from `createId`, others' from the server. */
      readonly id: string
      readonly name: string
      readonly text: string
      readonly at: number
      readonly own: boolean
      readonly delivery: Delivery
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
   * We said something, and `send` answered `result`: pending until the server echoes its id,
   * queued while it waits for the link, dropped when the queue refused it (it will never go out).
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
  | { readonly type: 'reset' }

/** Most entries the log keeps; the oldest go first. */
export const CHAT_LOG_CAP = 500

export const EMPTY_CHAT_LOG: ChatLog = { entries: [], notices: 0, welcomed: false }

/**
 * The chat log as a pure reducer. Our messages are matched with the server's echo by id, so a
 * message sent while the link was down turns from pending to delivered when it finally goes out,
 * and the history of a rejoin adds only the lines not already shown.
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
          delivery: action.result === 'dropped' ? 'dropped' : 'pending',
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
      const members = Array.isArray(message['members']) ? message['members'].map(String) : []
      const verb = log.welcomed ? 'Rejoined' : 'Joined'
      const text = `${verb} ${str(message['room'])} as ${str(message['name'])}. Here: ${members.join(', ')}`
      const history: unknown[] = Array.isArray(message['history']) ? message['history'] : []
      let next = notice({ ...log, welcomed: true }, text, at)
      for (const line of history) next = addLine(next, line)
      return next
    }
    case 'message':
      return addLine(log, message)
    case 'joined':
      return notice(log, `${str(message['name'])} joined`, num(message['at'], at))
    case 'left':
      return notice(log, `${str(message['name'])} left`, num(message['at'], at))
    case 'error':
      return notice(log, `Server refused: ${str(message['message'])} (${str(message['code'])})`, at)
    default:
      return log
  }
}

/** A server line: marks our pending message delivered, or adds someone's line not yet shown. */
function addLine(log: ChatLog, value: unknown): ChatLog {
  if (typeof value !== 'object' || value === null) return log
  const raw = value as Partial<Record<keyof ChatLine, unknown>>
  // Without an id a line cannot be told from a copy of it (a rejoin's history): leave it out.
  if (typeof raw.id !== 'string' || raw.id === '') return log
  const id = raw.id
  const existing = log.entries.find((e) => e.kind === 'message' && e.id === id)
  if (existing !== undefined) {
    return update(log, id, (entry) => ({
      ...entry,
      delivery: 'delivered',
      queued: false,
      at: num(raw.at, entry.at),
    }))
  }
  const line = { id, name: str(raw.name), text: str(raw.text), at: num(raw.at, Date.now()) }
  const entry: ChatEntry = {
    kind: 'message',
    ...line,
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

/** Our messages waiting in Lifeline's queue now: what the user queued, whatever else the queue holds. */
export function countQueued(log: ChatLog): number {
  return log.entries.filter(isQueued).length
}

const isQueued = (entry: ChatEntry): boolean => entry.kind === 'message' && entry.queued

function notice(log: ChatLog, text: string, at: number): ChatLog {
  const entry: ChatEntry = { kind: 'notice', id: `notice-${log.notices + 1}`, text, at }
  return append({ ...log, notices: log.notices + 1 }, [entry])
}

function append(log: ChatLog, added: readonly ChatEntry[]): ChatLog {
  return { ...log, entries: [...log.entries, ...added].slice(-CHAT_LOG_CAP) }
}

function update(
  log: ChatLog,
  id: string,
  change: (entry: Extract<ChatEntry, { kind: 'message' }>) => ChatEntry,
): ChatLog {
  const entries = log.entries.map((e) => (e.kind === 'message' && e.id === id ? change(e) : e))
  return { ...log, entries }
}

const str = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? ''))
const num = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback
