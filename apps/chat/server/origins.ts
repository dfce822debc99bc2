import { isLoopbackHostname } from './loopback.js'

/**
 * The default origin policy: pages served from this machine (`http(s)://localhost:*`,
 * `http(s)://127.x.y.z:*`, `http(s)://[::1]:*`), as the Vite dev server and preview serve the demo.
 *
 * Only browsers send `Origin`, and they cannot forge it; that is what the check is for (a page on
 * another site must not open a socket to a server on the visitor's machine). A request without
 * `Origin` comes from a non-browser client, which could send any Origin it liked, so it is not
 * asked this question at all (see `createChatServer`).
 */
export function isLocalOrigin(origin: string): boolean {
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  return isLoopbackHostname(url.hostname)
}
