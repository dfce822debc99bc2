import type { Status } from '@lifeline/core'
import type { ReactNode } from 'react'

export interface StatusBadgeProps {
  /** The connection status, shown as is ('open', 'reconnecting'…). */
  status: Status
  /** `data-testid` of the badge, so one page can tell its badges apart. */
  testId?: string | undefined
}

/** The connection status as a coloured badge whose text is exactly the status. */
export function StatusBadge({ status, testId }: StatusBadgeProps): ReactNode {
  return (
    <span className={`badge badge-${status}`} data-testid={testId}>
      {status}
    </span>
  )
}
