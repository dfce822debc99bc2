import type { ConnectionState, LifelineEvent } from './types.js'

/**
 * Tells lifecycle listeners what a state change means, derived from the two states so that no
 * transition has to remember to announce itself.
 */
export function announce<In>(
  prev: ConnectionState<In>,
  next: ConnectionState<In>,
  at: number,
  emit: (event: LifelineEvent) => void,
): void {
  if (next.error !== prev.error && next.error !== null)
    emit({ type: 'error', error: next.error, at })
  if (next.lastClose !== prev.lastClose && next.lastClose !== null) {
    emit({ type: 'close', close: next.lastClose, at })
  }
  if (next.status !== prev.status) {
    emit({ type: 'status', status: next.status, at })
    if (next.status === 'connecting') emit({ type: 'connecting', attempt: next.attempt, at })
    if (next.status === 'open') emit({ type: 'open', at })
  }
  if (next.retryAt !== prev.retryAt && next.retryAt !== null) {
    emit({ type: 'retry', attempt: next.attempt + 1, retryAt: next.retryAt, at })
  }
}
