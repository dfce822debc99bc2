import { createStore, type StoreApi } from 'zustand/vanilla'
import { withMessage } from './state.js'
import type { ConnectionState, LifelineError, MessageData } from './types.js'

/** The store of one connection, with a cheap path for messages. */
export interface ConnectionStore<In> {
  /** The zustand store users see. */
  readonly api: StoreApi<ConnectionState<In>>
  /** Replaces the state and notifies subscribers now (status changes, errors, the queue…). */
  commit(next: ConnectionState<In>): void
  /**
   * Records a message (and the error of a frame that did not parse): `getState()` returns it at
   * once, subscribers hear of it at the next microtask, once for the whole burst. Nothing is
   * allocated per message.
   */
  message(data: MessageData, json: unknown, at: number, error: LifelineError | null): void
}

/**
 * Creates a connection's zustand store. Frames often come in bursts (one socket read can hold
 * thousands): building a new state object and waking every subscriber for each one costs more than
 * the socket itself, so the message fields are folded into the state only when someone reads it,
 * and subscribers are notified once per burst with the latest message. Every other change goes
 * out at once. `onMessage` is the way to see every message.
 */
export function createConnectionStore<In>(initial: ConnectionState<In>): ConnectionStore<In> {
  const api = createStore<ConnectionState<In>>()(() => initial)
  const { getState, setState } = api
  // The latest message not yet folded into a state object, written in place for each further
  // message of the burst; `error` stays the burst's latest parse error.
  let pending: {
    data: MessageData
    json: unknown
    at: number
    error: LifelineError | null
  } | null = null
  // A state that holds every message so far but that subscribers have not heard of yet.
  let unpublished: ConnectionState<In> | null = null
  let scheduled = false

  const current = (): ConnectionState<In> => {
    if (pending !== null) {
      const { data, json, at, error } = pending
      unpublished = withMessage(unpublished ?? getState(), data, json, at, error)
      pending = null
    }
    return unpublished ?? getState()
  }
  const publish = (): void => {
    scheduled = false
    const state = current()
    unpublished = null
    if (state !== getState()) setState(state, true)
  }

  // Reading never notifies: React may read during a render, where waking other components is an error.
  api.getState = current
  // An outside write starts from the latest state, so it cannot undo a message.
  api.setState = ((...args: Parameters<typeof setState>) => {
    publish()
    setState(...args)
  }) as typeof setState

  return {
    api,
    commit(next) {
      // `next` was derived from `current()`, so it holds every message so far.
      pending = null
      unpublished = null
      setState(next, true)
    },
    message(data, json, at, error) {
      if (pending === null) pending = { data, json, at, error }
      else {
        pending.data = data
        pending.json = json
        pending.at = at
        if (error !== null) pending.error = error
      }
      if (scheduled) return
      scheduled = true
      queueMicrotask(publish)
    },
  }
}
