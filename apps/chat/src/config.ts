import type { LifelineOptions } from '@lifeline/core'

/** Where the demo's server is and how its connections keep alive. All times in ms. */
export interface DemoConfig {
  /** Base WebSocket URL of the demo server, without a trailing slash; the pages add `/lab` and `/chat`. */
  readonly server: string
  /** Heartbeat: silence after which a ping is sent. */
  readonly interval: number
  /** Heartbeat: time after a ping within which a frame must arrive. */
  readonly timeout: number
  /** Reconnect: delay before the first retry. */
  readonly minDelay: number
  /**
   * Whether the chat room talks over a Lifeline session (`/chat/session`: nothing lost across a
   * reconnect) rather than plain frames (`/chat`).
   */
  readonly sessions: boolean
}

/** The port the demo server listens on when the page does not name a server. */
export const DEFAULT_PORT = 8787

/** Defaults for a page served from localhost, for stories and tests. */
export const DEFAULT_CONFIG: DemoConfig = {
  server: `ws://localhost:${DEFAULT_PORT}`,
  interval: 5_000,
  timeout: 5_000,
  minDelay: 1_000,
  sessions: true,
}

/**
 * The connection plumbing a story or a test swaps in; these options do not depend on the message
 * types, so one value fits both pages.
 */
export type TransportOptions = Pick<
  LifelineOptions,
  'WebSocket' | 'watchNetwork' | 'environment' | 'timers' | 'random'
>

/** The parts of `window.location` the config is read from. */
export interface PageLocation {
  readonly search: string
  readonly hostname: string
  readonly protocol: string
}

/**
 * Reads the demo config from the page URL: `?server=ws://host:port`, else `pageServer` (where
 * `pnpm dev` says the server really is: it moves to a free port when 8787 is taken), else the
 * page's own host on port 8787 (over `wss:` when the page is https, since browsers block `ws:`
 * there); `?interval=&timeout=` for the heartbeat, `?minDelay=` for reconnection and
 * `?sessions=off` for a chat room without a session. A value that does not parse falls back to its
 * default: a typo in the address bar must not break the demo.
 */
export function readConfig(location: PageLocation, pageServer: string | null = null): DemoConfig {
  const query = new URLSearchParams(location.search)
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const host = location.hostname === '' ? 'localhost' : location.hostname
  const server = checkSocketUrl(query.get('server')) ?? checkSocketUrl(pageServer)
  return {
    server: server?.replace(/\/+$/, '') ?? `${scheme}://${host}:${DEFAULT_PORT}`,
    interval: readMs(query.get('interval'), 1) ?? DEFAULT_CONFIG.interval,
    timeout: readMs(query.get('timeout'), 1) ?? DEFAULT_CONFIG.timeout,
    minDelay: readMs(query.get('minDelay'), 0) ?? DEFAULT_CONFIG.minDelay,
    sessions: readSwitch(query.get('sessions')) ?? DEFAULT_CONFIG.sessions,
  }
}

/** `on`/`1`/`true` or `off`/`0`/`false` (any case), else `null`. */
function readSwitch(text: string | null): boolean | null {
  const value = text?.trim().toLowerCase()
  if (value === 'on' || value === '1' || value === 'true') return true
  if (value === 'off' || value === '0' || value === 'false') return false
  return null
}

/** `text` when it is an absolute `ws:` or `wss:` URL, else `null`. */
export function checkSocketUrl(text: string | null): string | null {
  if (text === null) return null
  const trimmed = text.trim()
  try {
    const url = new URL(trimmed)
    return url.protocol === 'ws:' || url.protocol === 'wss:' ? trimmed : null
  } catch {
    return null
  }
}

/** A whole number of ms, at least `min`, or `null`. */
function readMs(text: string | null, min: number): number | null {
  if (text === null || text.trim() === '') return null
  const value = Number(text)
  return Number.isSafeInteger(value) && value >= min ? value : null
}
