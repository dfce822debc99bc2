import type { ConnectionState, LifelineError, MessageData } from './types.js'

/** The state of a connection that has done nothing yet. */
export function initialState<In>(online: boolean): ConnectionState<In> {
  return {
    status: 'idle',
    readyState: 3,
    attempt: 0,
    retryAt: null,
    online,
    lastMessage: null,
    lastJson: undefined,
    latency: null,
    lastSeenAt: null,
    queued: 0,
    dropped: 0,
    error: null,
    lastClose: null,
    session: null,
    tab: null,
  }
}

/** The names of every state field, for trackers and views. */
export const STATE_FIELDS: readonly (keyof ConnectionState)[] = Object.keys(
  initialState(true),
) as (keyof ConnectionState)[]

/**
 * The state after a message: its data, parse result, arrival time, and the parse error if it did
 * not parse. The store folds the latest message of a burst in with this, once per burst.
 */
export function withMessage<In>(
  state: ConnectionState<In>,
  data: MessageData,
  json: unknown,
  now: number,
  error: LifelineError | null,
): ConnectionState<In> {
  return {
    ...state,
    lastMessage: data,
    lastJson: json as In | undefined,
    lastSeenAt: now,
    error: error ?? state.error,
  }
}
