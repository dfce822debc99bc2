import type { UrlSource } from './types.js'
import { describeError } from './util.js'

/** A URL checked for a WebSocket, or why it cannot be used. */
export type UrlCheck =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly message: string }

const SCHEMES: Readonly<Record<string, string>> = {
  'ws:': 'ws:',
  'wss:': 'wss:',
  'http:': 'ws:',
  'https:': 'wss:',
}

/**
 * Checks a URL for a WebSocket. `http:` and `https:` are mapped to `ws:` and `wss:` (what a page's own
 * origin gives); a relative URL is resolved against the page's location where there is one; the
 * fragment, which the WebSocket constructor refuses, is dropped. Anything else is refused with a
 * message that says what to pass instead.
 */
export function checkUrl(input: unknown, base?: string): UrlCheck {
  if (typeof input !== 'string' && !(input instanceof URL)) {
    return { ok: false, message: `expected a URL string or URL object, got ${describe(input)}` }
  }
  const text = String(input)
  let url: URL
  try {
    url = base === undefined ? new URL(text) : new URL(text, base)
  } catch {
    return {
      ok: false,
      message: `"${text}" is not a valid URL; expected ws://host/path or wss://host/path`,
    }
  }
  const scheme = SCHEMES[url.protocol]
  if (scheme === undefined) {
    return {
      ok: false,
      message: `"${text}" uses ${url.protocol} but a WebSocket needs ws: or wss:`,
    }
  }
  url.protocol = scheme
  url.hash = ''
  return { ok: true, url: url.href }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'object') return 'an object'
  return typeof value
}

/** The page's location, to resolve relative URLs against; `undefined` outside a browser. */
export function pageBase(): string | undefined {
  const location = (globalThis as { location?: { href?: unknown } }).location
  return typeof location?.href === 'string' ? location.href : undefined
}

/**
 * Gets the URL of one attempt: calls a URL function (sync or async) and checks what it gives.
 * `done` is called once, synchronously for a plain URL; a function that throws or rejects gives a
 * failed check, so a bad token endpoint becomes a failed attempt under the backoff, never a throw.
 */
export function resolveUrl(
  source: UrlSource,
  base: string | undefined,
  done: (check: UrlCheck) => void,
): void {
  let target: string | URL | Promise<string | URL>
  try {
    target = typeof source === 'function' ? source() : source
  } catch (error) {
    done({ ok: false, message: `the URL function threw: ${describeError(error)}` })
    return
  }
  if (!isPromise(target)) {
    done(checkUrl(target, base))
    return
  }
  target.then(
    (value) => done(checkUrl(value, base)),
    (error: unknown) =>
      done({ ok: false, message: `the URL function rejected: ${describeError(error)}` }),
  )
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}
