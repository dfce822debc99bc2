import type { CloseInfo, LifelineError, MessageData } from '@lifeline/core'

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** `HH:MM:SS.mmm` in local time, for logs. */
export function formatClock(at: number): string {
  const d = new Date(at)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** A duration as seconds with one decimal: `1400` → `'1.4 s'`; never negative. */
export function formatSeconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`
}

/** How a close reads: `'1006 heartbeat timeout (unclean)'`, `'1000'`. */
export function describeClose(close: CloseInfo): string {
  return `${close.code}${close.reason ? ` ${close.reason}` : ''}${close.wasClean ? '' : ' (unclean)'}`
}

/** How an error reads: `'socket: connection refused'`. */
export function describeError(error: LifelineError): string {
  return `${error.kind}: ${error.message}`
}

/** Received data as a log line: text as is, binary as its size. */
export function describeData(data: MessageData): string {
  if (typeof data === 'string') return data
  const size = 'size' in data ? data.size : data.byteLength
  return `[binary, ${size} bytes]`
}
