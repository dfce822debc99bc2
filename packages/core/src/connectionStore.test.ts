import { describe, expect, it, vi } from 'vitest'
import { createConnectionStore } from './connectionStore.js'
import { initialState } from './state.js'

const tick = (): Promise<void> => Promise.resolve()

describe('createConnectionStore', () => {
  it('getState sees a message at once, without notifying anyone', () => {
    const { api, message } = createConnectionStore(initialState(true))
    const listener = vi.fn()
    api.subscribe(listener)
    message('a', undefined, 10, null)
    const state = api.getState()
    expect(state.lastMessage).toBe('a')
    expect(state.lastSeenAt).toBe(10)
    expect(api.getState()).toBe(state)
    expect(listener).not.toHaveBeenCalled()
  })

  it('notifies subscribers once per burst, with the latest message', async () => {
    const { api, message } = createConnectionStore(initialState(true))
    const seen: unknown[] = []
    api.subscribe((state, prev) => seen.push([prev.lastMessage, state.lastMessage, state.lastJson]))
    for (let i = 0; i < 1_000; i++) message(`m${i}`, i, 10 + i, null)
    await tick()
    expect(seen).toEqual([[null, 'm999', 999]])
    message('next', undefined, 2_000, null)
    await tick()
    expect(seen).toHaveLength(2)
    expect(api.getState().lastMessage).toBe('next')
  })

  it('does not notify for a burst that a commit already published', async () => {
    const { api, commit, message } = createConnectionStore(initialState(true))
    const listener = vi.fn()
    api.subscribe(listener)
    message('a', undefined, 10, null)
    commit({ ...api.getState(), status: 'open' })
    expect(listener).toHaveBeenCalledTimes(1)
    expect(api.getState()).toMatchObject({ status: 'open', lastMessage: 'a' })
    await tick()
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('an outside setState starts from the latest message and cannot undo it', async () => {
    const { api, message } = createConnectionStore(initialState(true))
    const listener = vi.fn()
    api.subscribe(listener)
    message('a', undefined, 10, null)
    api.setState({ queued: 3 })
    expect(api.getState()).toMatchObject({ lastMessage: 'a', queued: 3 })
    expect(listener).toHaveBeenCalledTimes(2)
    await tick()
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('keeps the parse result of the latest message only', () => {
    const { api, message } = createConnectionStore(initialState(true))
    message('{"a":1}', { a: 1 }, 1, null)
    message(new Uint8Array([1]), undefined, 2, null)
    expect(api.getState().lastJson).toBeUndefined()
    expect(api.getState().lastMessage).toEqual(new Uint8Array([1]))
  })
})
