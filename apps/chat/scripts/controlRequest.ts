// Who may drive the demo's server from a page: only the demo's own page, on this machine.

/** What a control request is judged on. Header values as Node gives them. */
export interface ControlRequest {
  readonly method: string | undefined
  /** The peer's address (`socket.remoteAddress`). */
  readonly remoteAddress: string | undefined
  /** The `Host` header. */
  readonly host: string | undefined
  /** The `Origin` header. */
  readonly origin: string | undefined
  /** The `Sec-Fetch-Site` header, where the browser sends one. */
  readonly fetchSite: string | undefined
}

/** An IPv4 loopback address (127.0.0.0/8), IPv6 `::1`, or IPv4 loopback mapped into IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)
}

/** A `Host` header that names this machine: `localhost`, a 127.x address or `[::1]`, any port. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined || host === '') return false
  let hostname: string
  try {
    hostname = new URL(`http://${host}`).hostname
  } catch {
    return false
  }
  return hostname === 'localhost' || hostname === '[::1]' || isLoopbackAddress(hostname)
}

/**
 * Why a request may not drive the demo's server, or `null` when it may. Reading the status needs
 * a loopback peer and a loopback `Host` (a page on another name, rebound to 127.0.0.1 by its DNS,
 * is refused). An action also needs the page's own origin: a site open in another tab can send a
 * cross-origin POST without asking, but never with our `Origin`.
 */
export function refuseControlRequest(request: ControlRequest): string | null {
  if (!isLoopbackAddress(request.remoteAddress)) return 'only from this machine (loopback)'
  if (!isLoopbackHost(request.host)) return 'only through a loopback host name'
  if (request.method === 'GET' || request.method === 'HEAD') return null
  if (request.fetchSite !== undefined && request.fetchSite !== 'same-origin') {
    return 'only from the demo page itself'
  }
  if (request.origin === undefined) return 'only from the demo page itself (no Origin)'
  let origin: URL
  try {
    origin = new URL(request.origin)
  } catch {
    return 'only from the demo page itself (bad Origin)'
  }
  if (origin.host !== request.host) return 'only from the demo page itself'
  return null
}
