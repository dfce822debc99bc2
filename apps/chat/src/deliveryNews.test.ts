import type { SendResult } from '@lifeline/core'
import { describe, expect, it } from 'vitest'
import { type ChatAction, type ChatLog, chatLogReducer, EMPTY_CHAT_LOG } from './chatLog.js'
import { deliveryNews } from './deliveryNews.js'

const at = 1_700_000_000_000
const apply = (log: ChatLog, ...actions: ChatAction[]): ChatLog =>
  actions.reduce(chatLogReducer, log)
const say = (id: string, result: SendResult): ChatAction => ({
  type: 'say',
  id,
  name: 'ada',
  text: id,
  at,
  result,
})
/** A line from the server: ours (named by our ref, with the id the server gave it) or someone's. */
const echo = (id: string, name = 'ada'): ChatAction => ({
  type: 'server',
  message:
    name === 'ada'
      ? { type: 'message', room: 'lobby', ref: id, id: `s-${id}`, name, text: id, at }
      : { type: 'message', room: 'lobby', id, name, text: id, at },
  at,
})

describe('deliveryNews', () => {
  it('tells how many queued messages were delivered, in one sentence', () => {
    const waiting = apply(EMPTY_CHAT_LOG, say('a', 'queued'), say('b', 'queued'), {
      type: 'flushed',
    })
    expect(deliveryNews(waiting, apply(waiting, echo('a')))).toBe('1 queued message delivered.')
    expect(deliveryNews(waiting, apply(waiting, echo('a'), echo('b')))).toBe(
      '2 queued messages delivered.',
    )
  })

  it('says nothing for a message sent on an open link, or for lines of others', () => {
    const sent = apply(EMPTY_CHAT_LOG, say('a', 'sent'))
    expect(deliveryNews(sent, apply(sent, echo('a')))).toBeNull()
    expect(deliveryNews(sent, apply(sent, echo('z', 'bob')))).toBeNull()
    expect(deliveryNews(sent, sent)).toBeNull()
  })

  it('tells when the full queue refused a message, once', () => {
    const before = apply(EMPTY_CHAT_LOG, say('a', 'queued'))
    const after = apply(before, say('b', 'dropped'), say('c', 'dropped'))
    expect(deliveryNews(before, after)).toBe('2 messages not sent: the queue is full.')
    expect(deliveryNews(after, after)).toBeNull()
  })

  it('joins both kinds of news', () => {
    const before = apply(EMPTY_CHAT_LOG, say('a', 'queued'))
    const after = apply(before, echo('a'), say('b', 'dropped'))
    expect(deliveryNews(before, after)).toBe(
      '1 queued message delivered. 1 message not sent: the queue is full.',
    )
  })
})
