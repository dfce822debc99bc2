/** The port the demo's browser app expects by default. */
export const DEFAULT_PORT = 8787

/** What the command line reads from its environment. */
export interface ServerConfig {
  /** TCP port; 0 lets the OS pick. */
  readonly port: number
  /** Interface to listen on. */
  readonly host: string
  /** In ms. */
  readonly heartbeatInterval: number
  /** In ms; 0 (the default) for no periodic log: the numbers are always on `/metrics`. */
  readonly logInterval: number
}

/**
 * Reads `PORT` (default 8787), `HOST` (127.0.0.1), `HEARTBEAT_INTERVAL` (10000 ms) and
 * `LOG_INTERVAL` (0: no status line; `LOG_INTERVAL=5000` logs one every 5 s). Unset or empty
 * means the default.
 *
 * @returns The config; throws on a value that is not a whole number ≥ 0 (≥ 1 for the heartbeat), so a typo stops the
 * server instead of starting it on a surprising port.
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  return {
    port: readNumber(env, 'PORT', DEFAULT_PORT),
    host: env['HOST']?.trim() || '127.0.0.1',
    // 0 would sweep in a busy loop and cut every peer off at once: at least 1 ms.
    heartbeatInterval: readNumber(env, 'HEARTBEAT_INTERVAL', 10_000, 1),
    logInterval: readNumber(env, 'LOG_INTERVAL', 0),
  }
}

function readNumber(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min = 0,
): number {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number ≥ ${min}, got ${JSON.stringify(raw)}`)
  }
  return value
}
