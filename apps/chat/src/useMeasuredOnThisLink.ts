import { useEffect, useState } from 'react'
import type { LifecycleSource } from './useTimeline.js'

/**
 * Whether the state's `latency` was measured on the link that is open now. The engine keeps the
 * last round trip across a reconnect, so a new link shows the old one's value until its first
 * pong: this turns `false` at each `open` and `true` at each `pong`. With no source (a plain state
 * in a story) there is nothing to tell the two apart: `true`.
 */
export function useMeasuredOnThisLink(source: LifecycleSource | null): boolean {
  const [measured, setMeasured] = useState(true)
  useEffect(() => {
    if (source === null) return
    return source.onEvent((event) => {
      if (event.type === 'open') setMeasured(false)
      else if (event.type === 'pong') setMeasured(true)
    })
  }, [source])
  return measured
}
