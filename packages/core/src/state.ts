import type { ConnectionState, MessageData } from './types.js'

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
  }
}

/** The names of every state field, for trackers and views. */
export const STATE_FIELDS: readonly (keyof ConnectionState)[] = Object.keys(
  initialState(true),
) as (keyof ConnectionState)[]

/**
 * The state after a message: its data, parse result and arrival time. The store folds the
 * latest message of a burst in with this, so it must stay this cheap.
 */
export function withMessage<In>(
  state: ConnectionState<In>,
  data: MessageData,
  json: unknown,
  now: number,
): ConnectionState<In> {
  // Written out field by field, in the order of `initialState`: a spread here costs several times
  // more per message than the socket itself.
  return {
    status: state.status,
    readyState: state.readyState,
    attempt: state.attempt,
    retryAt: state.retryAt,
    online: state.online,
    lastMessage: data,
    lastJson: json as In | undefined,
    latency: state.latency,
    lastSeenAt: now,
    queued: state.queued,
    dropped: state.dropped,
    error: state.error,
    lastClose: state.lastClose,
  }
}
