import type { ConnectionState } from '@lifeline/core'
import type { ReactNode } from 'react'
import { describeLatency, describeNetwork, describeSession } from './describeState.js'
import { describeClose, describeError } from './format.js'
import { LiveStatus } from './LiveStatus.js'
import { RetryCountdown } from './RetryCountdown.js'
import { Timeline } from './Timeline.js'
import { useMeasuredOnThisLink } from './useMeasuredOnThisLink.js'
import { type LifecycleSource, useTimeline } from './useTimeline.js'

/** The state fields the panel shows; a `useWebSocket` result fits, and so does a plain object. */
export type PanelState = Pick<
  ConnectionState,
  | 'status'
  | 'attempt'
  | 'retryAt'
  | 'latency'
  | 'queued'
  | 'dropped'
  | 'online'
  | 'lastClose'
  | 'error'
> &
  // Optional: a panel of a connection without a session (or a plain object) has no such row.
  Partial<Pick<ConnectionState, 'session'>>

export interface LifecyclePanelProps {
  /** The connection state, e.g. the `useWebSocket` result (only the fields read here re-render). */
  state: PanelState
  /** Where the timeline's events come from: the hook's `lifeline`, or `null` for none. */
  lifeline: LifecycleSource | null
  /** The clock of the retry countdown. Default `Date.now`. */
  clock?: (() => number) | undefined
}

/**
 * Everything Lifeline knows about a connection, and a timeline of what happened to it. Every line
 * is true now: the latency of a link that is gone is marked as the last known, the next retry is
 * numbered as the attempt counter will count it, and offline says that retries wait. A connection
 * with a session (`@lifeline/core/session`) also shows whether its last handshake resumed it.
 */
export function LifecyclePanel({ state, lifeline, clock }: LifecyclePanelProps): ReactNode {
  const timeline = useTimeline(lifeline)
  const measuredOnThisLink = useMeasuredOnThisLink(lifeline)
  const { lastClose, error, session } = state
  return (
    <aside className="panel" aria-label="Lifecycle">
      <h2>Lifecycle</h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <LiveStatus status={state.status} testId="status" />
        </dd>
        <dt>Attempt</dt>
        <dd data-testid="attempt">{state.attempt}</dd>
        <dt>Next retry</dt>
        <dd>
          <RetryCountdown state={state} clock={clock} />
        </dd>
        <dt>Latency</dt>
        <dd data-testid="latency">{describeLatency(state, measuredOnThisLink)}</dd>
        <dt>Queued</dt>
        <dd data-testid="queued">{state.queued}</dd>
        <dt>Dropped</dt>
        <dd data-testid="dropped">{state.dropped}</dd>
        <dt>Network</dt>
        <dd data-testid="network">{describeNetwork(state)}</dd>
        <dt>Last close</dt>
        <dd data-testid="last-close">{lastClose === null ? '—' : describeClose(lastClose)}</dd>
        <dt>Last error</dt>
        <dd data-testid="last-error">{error === null ? '—' : describeError(error)}</dd>
        {session == null ? null : (
          <>
            <dt>Session</dt>
            <dd data-testid="session">{describeSession(session)}</dd>
          </>
        )}
      </dl>
      <h3>Timeline</h3>
      <Timeline entries={timeline} />
    </aside>
  )
}
