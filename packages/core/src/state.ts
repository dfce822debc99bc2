import type { ConnectionState } from './types.js'

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
