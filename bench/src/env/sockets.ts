import WebSocket from 'ws'
import type { SocketClass } from '../types.js'

/** WebSocket constructions in this process since it started. */
export const constructed = { count: 0 }

/**
 * `ws` with two changes for the bench: constructions are counted (StrictMode and reconnect
 * attempts), and an 'error' event without a listener is ignored, as a browser's WebSocket does,
 * where `ws` would throw it and end the process.
 */
class CountingWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols)
    constructed.count++
    this.on('error', () => {})
  }
}

/** The constructor every contender gets, as an option or as `globalThis.WebSocket`. */
export const BenchWebSocket = CountingWebSocket as unknown as SocketClass

/** Makes `BenchWebSocket` the global one, for libraries that take no constructor option. */
export function installWebSocket(): void {
  ;(globalThis as { WebSocket?: unknown }).WebSocket = BenchWebSocket
}
