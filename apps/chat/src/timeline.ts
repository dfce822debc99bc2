import type { LifelineEvent } from '@lifeline/core'
import { formatSeconds } from './format.js'

/** What a timeline line is about: a lifecycle event, or a change of the network. */
export type TimelineType = LifelineEvent['type'] | 'network'

/** One line of the lifecycle timeline. */
export interface TimelineEntry {
  /** Unique within one timeline, for React keys. */
  readonly id: number
  readonly type: TimelineType
  readonly at: number
  readonly text: string
}

/** Most entries a timeline keeps. */
export const TIMELINE_CAP = 50

/**
 * What a lifecycle event means to a reader, or `null` for the ones not worth a line: `status`
 * events repeat what `open`, `close` and `retry` already say, and the badge shows the status.
 * A retry names the attempt it will be, as the panel's "Next retry" does.
 */
export function describeEvent(event: LifelineEvent): string | null {
  switch (event.type) {
    case 'connecting':
      return `connecting (attempt ${event.attempt})`
    case 'open':
      return 'opened'
    case 'ping':
      return 'ping'
    case 'pong':
      return `pong (${event.latency} ms)`
    case 'close':
      return `closed ${event.close.code}${event.close.reason ? ` (${event.close.reason})` : ''}`
    case 'error':
      return event.error.kind === 'heartbeat-timeout'
        ? 'heartbeat timeout'
        : `error ${event.error.kind}: ${event.error.message}`
    case 'retry':
      return `retry: attempt ${event.attempt} in ${formatSeconds(event.retryAt - event.at)}`
    case 'session':
      return event.resumed ? 'session resumed: nothing missed' : 'new session'
    case 'status':
      return null
  }
}

/** `entries` with a line added first (newest first), at most `cap` long. */
export function addEntry(
  entries: readonly TimelineEntry[],
  entry: TimelineEntry,
  cap = TIMELINE_CAP,
): readonly TimelineEntry[] {
  return [entry, ...entries].slice(0, cap)
}

/** `entries` with `event` added first (newest first), at most `cap` long; unchanged when skipped. */
export function addEvent(
  entries: readonly TimelineEntry[],
  event: LifelineEvent,
  id: number,
  cap = TIMELINE_CAP,
): readonly TimelineEntry[] {
  const text = describeEvent(event)
  if (text === null) return entries
  return addEntry(entries, { id, type: event.type, at: event.at, text }, cap)
}
