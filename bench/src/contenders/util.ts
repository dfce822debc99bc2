import type { Status } from '../types.js'

const READY_STATES: readonly Status[] = ['connecting', 'open', 'closing', 'closed']

/** `WebSocket.readyState` as a status word. */
export const statusOf = (readyState: number | undefined): Status =>
  READY_STATES[readyState ?? 3] ?? 'uninstantiated'

/**
 * The default export of a CommonJS package. Node hands ESM `module.exports` as the default; a
 * package compiled from ESM keeps its real default under `.default`.
 */
export function cjsDefault<T>(imported: T): T {
  if (typeof imported === 'function') return imported
  return (imported as { default?: T }).default ?? imported
}
