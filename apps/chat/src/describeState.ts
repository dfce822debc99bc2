import type { ConnectionState, SessionState, Status } from '@lifeline/core'
import { formatSeconds } from './format.js'

/** The state fields the lifecycle panel's sentences are made of. */
export type DescribedState = Pick<
  ConnectionState,
  'status' | 'attempt' | 'retryAt' | 'latency' | 'online'
>

/**
 * The latency as it may be read now: plain while it was measured on the link that is open now and
 * the network is up; marked as the last known value otherwise (reconnecting, offline, or a new link
 * that has not answered a ping yet), so an old round trip never passes for a live one.
 *
 * @param measuredOnThisLink Whether a pong arrived since the current link opened.
 */
export function describeLatency(state: DescribedState, measuredOnThisLink: boolean): string {
  if (state.latency === null) return '—'
  const live = state.status === 'open' && state.online && measuredOnThisLink
  return live ? `${state.latency} ms` : `${state.latency} ms (last known)`
}

/**
 * When the next attempt comes, numbered as the attempt counter will count it:
 * `'attempt 5 in 4.5 s'` beside "Attempt 4"; `'paused while offline'`; `'—'` when none is planned.
 */
export function describeNextRetry(state: DescribedState, now: number): string {
  if (state.status !== 'reconnecting') return '—'
  if (state.retryAt !== null) {
    return `attempt ${state.attempt + 1} in ${formatSeconds(state.retryAt - now)}`
  }
  return state.online ? '—' : 'paused while offline'
}

/**
 * The network as it affects the connection: `'offline: retries paused'` while there is a
 * connection to keep (none is tried until the network is back), plain `'offline'` otherwise.
 */
export function describeNetwork(state: Pick<DescribedState, 'status' | 'online'>): string {
  if (state.online) return 'online'
  return keepsRetrying(state.status) ? 'offline: retries paused' : 'offline'
}

/**
 * A timeline line for a change of the network. Going offline while open also says that the link
 * is being checked: the engine pings at once, so a link the network took down is found within the
 * heartbeat timeout.
 */
export function describeNetworkChange(online: boolean, status: Status): string {
  if (online) return 'online again'
  if (status === 'open') return 'went offline: checking the link, retries paused'
  return keepsRetrying(status) ? 'went offline: retries paused' : 'went offline'
}

/** Whether the engine would try again in this status after a loss. */
const keepsRetrying = (status: Status): boolean =>
  status === 'open' || status === 'connecting' || status === 'reconnecting'

/**
 * The session as the app should read it: `'resumed'` when the last handshake found it (nothing
 * missed), `'new session'` when the server started one (after a restart or a long absence, what
 * was said meanwhile may be missing), and how many of our messages still wait for the server's
 * acknowledgement: they are sent again after a reconnect.
 */
export function describeSession(session: SessionState): string {
  const verdict =
    session.resumed === null ? 'no handshake yet' : session.resumed ? 'resumed' : 'new session'
  return session.unacked > 0 ? `${verdict} · ${session.unacked} unacknowledged` : verdict
}
