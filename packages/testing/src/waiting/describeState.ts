import type { ConnectionState } from '@lifeline/core'

/**
 * The fields of a connection's state that explain why a wait failed, on one line:
 * `status 'reconnecting', attempt 3, error heartbeat-timeout "…", last close 1006 "heartbeat
 * timeout" (unclean), 2 queued`. Fields at their resting value are left out.
 */
export function describeState(state: ConnectionState): string {
  const parts = [`status '${state.status}'`]
  if (state.attempt > 0) parts.push(`attempt ${state.attempt}`)
  if (!state.online) parts.push('offline')
  if (state.error !== null) parts.push(`error ${state.error.kind} ${quote(state.error.message)}`)
  if (state.lastClose !== null) {
    const { code, reason, wasClean } = state.lastClose
    parts.push(
      `last close ${code}${reason ? ` ${quote(reason)}` : ''}${wasClean ? '' : ' (unclean)'}`,
    )
  }
  if (state.queued > 0) parts.push(`${state.queued} queued`)
  if (state.dropped > 0) parts.push(`${state.dropped} dropped`)
  if (state.session !== null) {
    const { id, resumed, unacked } = state.session
    parts.push(
      `session ${id ?? '(none yet)'} resumed ${String(resumed)}, ${unacked} unacknowledged`,
    )
  }
  return parts.join(', ')
}

const quote = (text: string): string => JSON.stringify(text)
