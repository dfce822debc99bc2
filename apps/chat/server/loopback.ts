// What counts as "this machine" for the server's local-only defaults.

/** `localhost`, any 127.x.y.z, or `[::1]` / `::1`: a host name that can only mean this machine. */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase()
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '[::1]' ||
    name === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  )
}

/** A remote address as the key of per-address limits: an IPv4 peer seen over IPv6 as itself. */
export function normaliseAddress(address: string | undefined): string {
  if (address === undefined) return 'unknown'
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address
}

/** Whether a peer's address (`socket.remoteAddress`) is on this machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  const normal = normaliseAddress(address)
  return normal === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(normal)
}

/** The host name of a `Host` header (`example.com:8080` → `example.com`), or `undefined`. */
export function hostnameOf(host: string | undefined): string | undefined {
  if (host === undefined || host === '') return undefined
  try {
    return new URL(`http://${host}`).hostname
  } catch {
    return undefined
  }
}
