import type { SendResult } from '@lifeline/core'
import { describe, expect, it } from 'vitest'
import {
  CHAT_LOG_CAP,
  type ChatAction,
  type ChatLog,
  chatLogReducer,
  countQueued,
  EMPTY_CHAT_LOG,
} from './chatLog.js'
import type { ServerMessage } from './protocol.js'

const at = 1_700_000_000_000
const run = (...actions: ChatAction[]): ChatLog => actions.reduce(chatLogReducer, EMPTY_CHAT_LOG)
const server = (message: ServerMessage | unknown): ChatAction => ({ type: 'server', message, at })
const line = (id: string, name = 'bob', text = `text ${id}`) => ({ id, name, text, at })
const welcome = (history = [line('h1')]): ChatAction =>
  server({ type: 'welcome', room: 'lobby', name: 'alice', members: ['alice', 'bob'], history })
const say = (id: string, result: SendResult = 'sent', text = 'hi'): ChatAction => ({
  type: 'say',
  id,
  name: 'alice',
  text,
  at,
  result,
})
const echo = (id: string): ChatAction =>
  server({ type: 'message', room: 'lobby', ...line(id, 'alice') })
const summary = (log: ChatLog) =>
  log.entries.map((e) => (e.kind === 'notice' ? e.text : `${e.id}:${e.delivery}`))

describe('chatLogReducer', () => {
  it('shows a welcome notice, then the history', () => {
    expect(summary(run(welcome()))).toEqual([
      'Joined lobby as alice. Here: alice, bob',
      'h1:delivered',
    ])
  })

  it('shows joins, leaves, messages and server errors in order', () => {
    const log = run(
      welcome([]),
      server({ type: 'joined', name: 'carol', at }),
      server({ type: 'message', room: 'lobby', ...line('m1', 'carol', 'hello') }),
      server({ type: 'left', name: 'carol', at }),
      server({ type: 'error', code: 'rate-limited', message: 'slow down' }),
    )
    expect(summary(log).slice(1)).toEqual([
      'carol joined',
      'm1:delivered',
      'carol left',
      'Server refused: slow down (rate-limited)',
    ])
    expect(new Set(log.entries.map((e) => e.id)).size).toBe(log.entries.length)
  })

  it('marks our message delivered when the server echoes its id', () => {
    const pending = run(welcome([]), say('mine'))
    expect(summary(pending).at(-1)).toBe('mine:pending')
    const delivered = chatLogReducer(
      pending,
      server({ type: 'message', room: 'lobby', ...line('mine', 'alice') }),
    )
    expect(summary(delivered).at(-1)).toBe('mine:delivered')
    expect(delivered.entries).toHaveLength(pending.entries.length)
  })

  it('puts lines of others that arrive while ours wait before ours', () => {
    const log = run(
      welcome([]),
      say('mine'),
      server({ type: 'message', room: 'lobby', ...line('theirs') }),
    )
    expect(summary(log).slice(1)).toEqual(['theirs:delivered', 'mine:pending'])
  })

  it('on a rejoin adds only the history not shown yet, before ours, and delivers ours found there', () => {
    const log = run(
      welcome([line('h1')]),
      say('mine'),
      welcome([line('h1'), line('h2'), line('mine', 'alice', 'hi')]),
    )
    expect(summary(log)).toEqual([
      'Joined lobby as alice. Here: alice, bob',
      'h1:delivered',
      'h2:delivered',
      'mine:delivered',
      'Rejoined lobby as alice. Here: alice, bob',
    ])
  })

  it('marks a message the queue refused as dropped', () => {
    expect(summary(run(say('x', 'dropped')))).toEqual(['x:dropped'])
  })

  it('counts only our messages waiting in the queue, until the link opens', () => {
    const down = run(welcome([]), say('a', 'queued'), say('b', 'queued'), say('c', 'dropped'))
    expect(countQueued(down)).toBe(2)
    // Lines of others and what the room sends itself are never counted.
    const withOthers = chatLogReducer(
      down,
      server({ type: 'message', room: 'lobby', ...line('z') }),
    )
    expect(countQueued(withOthers)).toBe(2)
    const flushed = chatLogReducer(withOthers, { type: 'flushed' })
    expect(countQueued(flushed)).toBe(0)
    // Out of the queue is not delivered yet: still pending until the echo.
    expect(summary(flushed).slice(-3)).toEqual(['a:pending', 'b:pending', 'c:dropped'])
    expect(summary(chatLogReducer(flushed, echo('a'))).at(-3)).toBe('a:delivered')
  })

  it('stops counting a queued message once the server echoed it', () => {
    expect(countQueued(run(say('a', 'queued'), echo('a')))).toBe(0)
  })

  it('leaves the log as it is when nothing was queued at the open', () => {
    const log = run(say('a'))
    expect(chatLogReducer(log, { type: 'flushed' })).toBe(log)
  })

  it('ignores junk and keeps server text as plain strings', () => {
    const log = run(
      server(null),
      server('text'),
      server({ type: 'nope' }),
      server({ type: 'message', room: 'lobby', name: 'x', text: 'no id', at }),
      server({ type: 'message', id: 'o', name: { evil: true }, text: 42, at: 'soon' }),
    )
    expect(log.entries).toEqual([
      {
        kind: 'message',
        id: 'o',
        name: '[object Object]',
        text: '42',
        at: expect.any(Number),
        own: false,
        delivery: 'delivered',
        queued: false,
        waited: false,
      },
    ])
  })

  it(`keeps at most ${CHAT_LOG_CAP} entries, dropping the oldest`, () => {
    const actions = Array.from({ length: CHAT_LOG_CAP + 5 }, (_, i) => say(`m${i}`))
    const log = run(...actions)
    expect(log.entries).toHaveLength(CHAT_LOG_CAP)
    expect(log.entries[0]?.id).toBe('m5')
  })

  it('resets to empty', () => {
    expect(run(welcome(), { type: 'reset' })).toBe(EMPTY_CHAT_LOG)
  })
})
