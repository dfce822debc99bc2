/**
 * The one interface every contender implements. A contender lives in one file under
 * `contenders/`; what it cannot do it names in `lacks`, and every scenario that needs that
 * feature prints `n/a (<reason>)` in its row instead of a number.
 */

/** A status in each library's own words, normalised where the library has one (`'open'` is common to all). */
export type Status = string

/** What a contender may lack; `core` = a framework-free API, `react` = a React hook. */
export type Feature = 'core' | 'react' | 'heartbeat' | 'reconnect' | 'queue' | 'share'

/** The constructor every contender is given (the counting `ws` subclass of `env/sockets.ts`). */
export type SocketClass = new (url: string, protocols?: string | string[]) => WebSocket

/** Heartbeat in Lifeline's terms: ping after `interval` ms of silence, dead `timeout` ms after the ping. */
export interface HeartbeatSpec {
  readonly interval: number
  readonly timeout: number
}

/** Options of a core-level connection. */
export interface CoreOptions {
  readonly WebSocket: SocketClass
  readonly heartbeat?: HeartbeatSpec
  /** Create without connecting; `start()` connects. Sends in between must be queued. */
  readonly startClosed?: boolean
  /** `false`: a library that parses text frames by default does not (its equal-work row). */
  readonly parse?: false
  /** A floor that does not parse adds `JSON.parse` per text frame: the work of Lifeline's default. */
  readonly parseJson?: true
}

/** A core-level connection, whatever the library calls it. */
export interface CoreConnection {
  /** `'open'` while the current socket is open; anything else otherwise. */
  status(): Status
  /** Every message that is not a heartbeat reply, as the library delivers it. */
  onMessage(listener: (data: unknown) => void): void
  send(data: string): void
  /** Connects a connection made with `startClosed`. */
  start(): void
  /** Closes for good: no reconnect, no timer left. */
  close(): void
}

/** Options of a React-level hook. */
export interface HookOptions {
  readonly heartbeat?: HeartbeatSpec
  /** As in `CoreOptions`. */
  readonly parse?: false
  /** As in `CoreOptions`. */
  readonly parseJson?: true
  readonly share?: boolean
  readonly onMessage?: (data: unknown) => void
}

/**
 * What a hook gives a component. Read lazily: a component that reads only `status` reads only
 * that getter, so a library that tracks reads (Lifeline) can skip renders for the rest.
 */
export interface ConnectionView {
  readonly status: Status
  readonly lastMessage: unknown
}

/** The smallest import that gives heartbeat + reconnect, or all the library has. */
export interface BundleEntry {
  /** ES module source, resolved from `contenders/`; bundled with react and react-dom external. */
  readonly code: string
  /** What that import gives, printed beside the bytes. */
  readonly gives: string
}

/** One library in the benchmark. */
export interface Contender {
  /** The row label. */
  readonly name: string
  /**
   * `subject`: Lifeline; `anchor`: what users would pick instead; `floor`: a bare WebSocket;
   * `diagnostic`: a variant a scenario derives (a setting changed, to compare equal work).
   */
  readonly role: 'subject' | 'diagnostic' | 'anchor' | 'floor'
  /** Packages whose versions RESULTS.md records (workspace packages are read from their manifest). */
  readonly packages: readonly string[]
  readonly bundles: readonly BundleEntry[]
  /** `null` when the library has no framework-free API (then `lacks.core` says so). */
  readonly connect: ((url: string, options: CoreOptions) => CoreConnection) | null
  /** `null` when the library has no React hook (then `lacks.react` says so). */
  readonly useConnection: ((url: string, options: HookOptions) => ConnectionView) | null
  readonly lacks: Partial<Record<Feature, string>>
  /** Set on a row made by `variant`: what it was made from, so a child process can make it again. */
  readonly variantOf?: { readonly name: string; readonly forced: Forced }
}

/** `'n/a (reason)'` for the first feature of `needs` the contender lacks, else `null`. */
export function missing(contender: Contender, ...needs: Feature[]): string | null {
  for (const feature of needs) {
    const reason = contender.lacks[feature]
    if (reason !== undefined) return `n/a (${reason})`
  }
  return null
}

/** Options a variant row forces on its contender. */
export interface Forced {
  readonly parse?: false
  readonly parseJson?: true
}

/** The same contender with some options forced, as a row of its own. */
export function variant(contender: Contender, label: string, forced: Forced): Contender {
  const { connect, useConnection } = contender
  return {
    ...contender,
    variantOf: { name: contender.name, forced },
    name: `${contender.name}${label}`,
    role: 'diagnostic',
    connect: connect && ((url, options) => connect(url, { ...options, ...forced })),
    useConnection:
      useConnection && ((url, options) => useConnection(url, { ...options, ...forced })),
  }
}
