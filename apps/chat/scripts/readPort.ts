/**
 * A TCP port from the environment variable `name`, `fallback` when unset or empty.
 *
 * @returns The port; throws on anything but a whole number from 0 to 65535, so a typo stops the
 * script with a clear message instead of starting on a surprising port.
 */
export function readPort(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
): number {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return fallback
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${name} must be a port from 0 to 65535, got ${JSON.stringify(raw)}`)
  }
  return port
}
