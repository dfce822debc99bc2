import type { SendResult } from '@lifeline/core'
import fc from 'fast-check'
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
/** The server's copy of our line `id`: it names our ref and carries the id the server gave it. */
const echo = (id: string): ChatAction =>
  server({ type: 'message', room: 'lobby', ref: id, ...line(`s-${id}`, 'alice') })
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

  it('marks our message delivered when the server echoes our ref, under the id the server gave it', () => {
    const pending = run(welcome([]), say('mine'))
    expect(summary(pending).at(-1)).toBe('mine:pending')
    const delivered = chatLogReducer(
      pending,
      server({ type: 'message', room: 'lobby', ref: 'mine', ...line('s1', 'alice') }),
    )
    expect(summary(delivered).at(-1)).toBe('mine:delivered')
    expect(delivered.entries.at(-1)).toMatchObject({ own: true, serverId: 's1' })
    expect(delivered.entries).toHaveLength(pending.entries.length)
    // A later copy of the same line (a rejoin's history) is not shown twice.
    const again = chatLogReducer(delivered, welcome([line('s1', 'alice')]))
    expect(summary(again).filter((entry) => entry.endsWith(':delivered'))).toEqual([
      'mine:delivered',
    ])
  })

  it("never takes someone else's line for ours, whatever id it carries", () => {
    const log = run(
      welcome([]),
      say('mine'),
      server({ type: 'message', room: 'lobby', ...line('mine', 'mallory', 'hidden?') }),
    )
    expect(summary(log).slice(1)).toEqual(['mine:delivered', 'mine:pending'])
    expect(log.entries[1]).toMatchObject({ own: false, text: 'hidden?' })
  })

  it('marks our line refused, with the reason, when a refusal names its ref', () => {
    const log = run(
      welcome([]),
      say('a'),
      say('b'),
      server({ type: 'error', code: 'rate-limited', message: 'too many frames', ref: 'b' }),
    )
    expect(summary(log).slice(1)).toEqual([
      'a:pending',
      'b:refused',
      'Server refused: too many frames (rate-limited)',
    ])
    expect(log.entries[2]).toMatchObject({ delivery: 'refused', reason: 'too many frames' })
  })

  it('when the connection closes for good, nothing is left pending', () => {
    const log = run(
      welcome([]),
      say('a'),
      server({ type: 'message', room: 'lobby', ref: 'a', ...line('s1', 'alice') }),
      say('b'),
      say('c'),
      { type: 'closed', reason: 'the server closed the connection (1008)' },
    )
    expect(summary(log).slice(1)).toEqual(['a:delivered', 'b:dropped', 'c:dropped'])
    expect(log.entries[3]).toMatchObject({ reason: 'the server closed the connection (1008)' })
  })

  it('puts lines of others that arrive while ours wait before ours', () => {
    const log = run(
      welcome([]),
      say('mine'),
      server({ type: 'message', room: 'lobby', ...line('theirs') }),
    )
    expect(summary(log).slice(1)).toEqual(['theirs:delivered', 'mine:pending'])
  })

  it('on a rejoin adds only the history not shown yet; our line found there takes its place once echoed', () => {
    const rejoined = run(
      welcome([line('h1')]),
      say('mine', 'sent', 'hi'),
      // The server had our line (s9) but its echo was lost with the old socket.
      welcome([line('h1'), line('h2'), line('s9', 'alice', 'hi')]),
    )
    expect(summary(rejoined)).toEqual([
      'Joined lobby as alice. Here: alice, bob',
      'h1:delivered',
      'h2:delivered',
      's9:delivered',
      'mine:pending',
      'Rejoined lobby as alice. Here: alice, bob',
    ])
    // Sent again, the server answers with the line it has: ours is delivered where it belongs.
    const log = chatLogReducer(
      rejoined,
      server({ type: 'message', room: 'lobby', ref: 'mine', ...line('s9', 'alice', 'hi') }),
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
        name: '',
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

  it('takes any JSON value from the server without a throw, deeply nested ones included', () => {
    const deep = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)
    const value = fc.oneof(
      fc.jsonValue(),
      fc.record({
        type: fc.constantFrom('welcome', 'message', 'joined', 'left', 'error'),
        room: fc.jsonValue(),
        name: fc.oneof(fc.jsonValue(), fc.constant(deep(10_000))),
        members: fc.oneof(fc.jsonValue(), fc.constant([deep(10_000)])),
        history: fc.array(fc.jsonValue(), { maxLength: 5 }),
        ref: fc.oneof(fc.string(), fc.constant('x')),
        id: fc.oneof(fc.string(), fc.jsonValue()),
        message: fc.oneof(fc.jsonValue(), fc.constant(deep(10_000))),
        text: fc.jsonValue(),
        at: fc.jsonValue(),
      }),
    )
    fc.assert(
      fc.property(fc.array(value, { maxLength: 6 }), (messages) => {
        const log = run(say('x'), ...messages.map(server))
        for (const entry of log.entries) {
          expect(typeof entry.id).toBe('string')
          expect(typeof entry.text).toBe('string')
        }
      }),
      { numRuns: 300 },
    )
  })

  it('says, after the lines it has, that a new session may have missed some', () => {
    const log = run(welcome(), server({ type: 'message', room: 'lobby', ...line('m1') }), {
      type: 'new-session',
      at: at + 5,
    })
    expect(log.entries.map((e) => e.kind)).toEqual(['notice', 'message', 'message', 'notice'])
    expect(log.entries.at(-1)).toMatchObject({
      kind: 'notice',
      at: at + 5,
      text: expect.stringContaining('may be missing'),
    })
  })

  it('resets to empty', () => {
    expect(run(welcome(), { type: 'reset' })).toBe(EMPTY_CHAT_LOG)
  })
})
