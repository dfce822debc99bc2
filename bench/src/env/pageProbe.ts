// What the browser page (`browserPage.ts`) and the scenario reading it over CDP share: the
// heartbeat and the shape of the page's records. No code of the page itself, so Node can import it.

/** The heartbeat of every page: the same as the half-open scenario's. */
export const PAGE_HEARTBEAT = { interval: 1_000, timeout: 1_000 } as const

/** One thing the page saw. `at` is `Date.now()` in the page (the same clock as the scenario's). */
export interface PageRecord {
  /**
   * A Lifeline event type (`status`, `ping`, `pong`, `error`, `close`, `open`, …); `frame` for any
   * frame received (pongs included, whose reading the events do not always show); `page:<type>`
   * for the page's own `visibilitychange`, `freeze` and `resume`; `stall` for a busy loop the
   * scenario asked for, from its start (`at`) to its end (`until`).
   */
  readonly type: string
  readonly at: number
  readonly status?: string
  readonly latency?: number
  readonly kind?: string
  readonly code?: number
  readonly reason?: string
  readonly visibility?: DocumentVisibilityState
  readonly until?: number
}

/** What the page exposes to the scenario as `window.__lifelineBench`. */
export interface PageProbe {
  readonly records: PageRecord[]
  /** The connection's state now: the fields the scenario reads. */
  state(): { status: string; latency: number | null; visibility: DocumentVisibilityState }
  /** Blocks the main thread for `ms` now (a page stalled by its own work). */
  stall(ms: number): void
  /**
   * Blocks the main thread for `ms` right after the next heartbeat ping has been handed to the
   * socket, so that its pong arrives while the page is stalled and waits, unread, in a buffer.
   */
  stallAfterNextPing(ms: number): void
}
