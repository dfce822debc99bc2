import type { Status } from '@lifeline/core'
import type { ReactNode } from 'react'
import { StatusBadge } from './StatusBadge.js'

export interface LiveStatusProps {
  status: Status
  /** `data-testid` of the badge. */
  testId?: string | undefined
  /** Said before the status, for screen readers only. Default `'Connection'`. */
  label?: string | undefined
  /** Shown and announced after the badge (the chat's queue count). */
  children?: ReactNode
}

/**
 * The status badge in a polite live region: a screen reader hears "Connection reconnecting" when
 * the status changes, without moving focus. The region holds only what changes rarely (the
 * countdown, which ticks, stays outside).
 */
export function LiveStatus({
  status,
  testId,
  label = 'Connection',
  children,
}: LiveStatusProps): ReactNode {
  return (
    <span role="status" className="live-status">
      <span className="visually-hidden">{label} </span>
      <StatusBadge status={status} testId={testId} />
      {children}
    </span>
  )
}
