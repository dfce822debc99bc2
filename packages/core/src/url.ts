import { describeError } from './util.js'

/** A value, or a function (sync or async) that gives it; called before every attempt. */
export type Source<T> = T | (() => T | Promise<T>)

const SCHEMES: Readonly<{ [scheme: string]: string }> = {
  'ws:': 'ws:',
  'wss:': 'wss:',
  'http:': 'ws:',
  'https:': 'wss:',
}

/**
 * Checks a URL for a WebSocket; returns the URL to dial, or a string that says why it cannot be
 * used (a `URL` result is never a string). `http:` and `https:` are mapped to `ws:` and `wss:` (what
 * a page's own origin gives); a relative URL is resolved against `base`; the fragment, which the
 * WebSocket constructor refuses, is dropped.
 */
export function checkUrl(input: unknown, base?: string): URL | string {
  if (typeof input !== 'string' && !(input instanceof URL)) {
    return `expected a URL string or URL object, got ${input === null ? 'null' : typeof input}`
  }
  const text = String(input)
  let url: URL
  try {
    url = new URL(text, base)
  } catch {
    return `"${text}" is not a valid URL${process.env.NODE_ENV !== 'production' ? ': expected ws://host/path or wss://host/path' : ''}`
  }
  const scheme = SCHEMES[url.protocol]
  if (scheme === undefined)
    return `"${text}" uses ${url.protocol} but a WebSocket needs ws: or wss:`
  url.protocol = scheme
  url.hash = ''
  return url
}

/** The page's location, to resolve relative URLs against; `undefined` outside a browser. */
export function pageBase(): string | undefined {
  const location = (globalThis as { location?: { href?: unknown } }).location
  return typeof location?.href === 'string' ? location.href : undefined
}

/**
 * Gets the value of one attempt from a source: calls a function (sync or async) and hands on what
 * it gives, synchronously for a plain value. A function that throws or rejects calls `fail` with a
 * readable message naming `what`, so a bad token endpoint becomes a failed attempt, never a throw.
 */
export function resolveSource<T>(
  source: Source<T>,
  what: string,
  use: (value: T) => void,
  fail: (message: string) => void,
): void {
  // A rejection is a throw that comes later: both say the same.
  const failed = (error: unknown): void =>
    fail(`the ${what} function failed: ${describeError(error)}`)
  let value: T | Promise<T>
  try {
    value = typeof source === 'function' ? (source as () => T | Promise<T>)() : source
  } catch (error) {
    failed(error)
    return
  }
  if (typeof (value as { then?: unknown } | null)?.then === 'function') {
    ;(value as Promise<T>).then(use, failed)
  } else use(value as T)
}
