import type { Observations } from './observations.js'

/** Options of `goAway()`. */
export interface GoAwayOptions {
  /**
   * Also forget every session, as a restarted server that kept them in memory does: a client that
   * comes back gets `resumed: false` and should resync. Default `false` (the sessions wait, as
   * with a shared store or a network partition).
   */
  forgetSessions?: boolean
}

/**
 * What a test does to the server side of its WebSockets; the same on the MSW mock
 * (`@lifeline/testing/msw`) and on the Node test server (`@lifeline/testing/node`).
 */
export interface ServerControls extends Observations {
  /**
   * Sends `data` to every connected client. A client with a session gets it numbered and kept
   * until acknowledged, so one that is away gets it when it resumes.
   */
  send(data: string): void
  /** Closes every connection cleanly with `code` (default `1000`) and `reason` (default `''`). */
  closeAll(code?: number, reason?: string): void
  /**
   * Cuts every connection without a close frame, as a lost network or a crashed proxy does: the
   * client sees an error and close `1006` (`wasClean: false`). New connections are accepted.
   */
  dropAll(): void
  /**
   * The server stops answering, as a process stopped with SIGSTOP or a stalled link: heartbeat
   * pings go unanswered, nothing is read or written (it is held), and no `close` is ever sent, so
   * only the client's heartbeat can find out. Until `thaw()`.
   */
  freeze(): void
  /** Answers again: what was held is written, then what arrived is read, in order. */
  thaw(): void
  /**
   * The server goes away: every connection is cut without a close frame and new ones are refused,
   * until `comeBack()`. Sessions wait for their clients unless `forgetSessions` is set.
   */
  goAway(options?: GoAwayOptions): Promise<void>
  /** Accepts connections again (on the same URL). */
  comeBack(): Promise<void>
}
