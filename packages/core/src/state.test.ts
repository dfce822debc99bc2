import { describe, expect, it } from 'vitest'
import { initialState, STATE_FIELDS, withMessage } from './state.js'

describe('withMessage', () => {
  it('sets the message fields and keeps every other field', () => {
    const before = {
      ...initialState(true),
      status: 'open' as const,
      readyState: 1 as const,
      attempt: 2,
      latency: 12,
      queued: 1,
      dropped: 3,
      error: { kind: 'parse' as const, message: 'x', at: 1 },
    }
    const after = withMessage(before, '{"a":1}', { a: 1 }, 500, null)
    expect(after).toEqual({
      ...before,
      lastMessage: '{"a":1}',
      lastJson: { a: 1 },
      lastSeenAt: 500,
    })
    expect(after).not.toBe(before)
  })

  it('records the parse error of a frame that did not parse, and keeps an older one otherwise', () => {
    const error = { kind: 'parse' as const, message: 'a message did not parse: x', at: 7 }
    expect(withMessage(initialState(true), '{x', undefined, 7, error).error).toBe(error)
    const older = { ...initialState(true), error }
    expect(withMessage(older, 'plain', undefined, 8, null).error).toBe(error)
  })

  it('starts without a session and without a tab group', () => {
    expect(initialState(false)).toMatchObject({ online: false, session: null, tab: null })
  })

  it('has exactly the fields of the state, in the same order', () => {
    expect(Object.keys(withMessage(initialState(true), 'x', undefined, 1, null))).toEqual(
      STATE_FIELDS,
    )
  })
})
