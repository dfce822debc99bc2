// The page's half of the dev script's server controls (`pnpm dev`): the routes, what they answer,
// and a small client. The Node half is `scripts/demoServerControls.ts`.

/** Where the dev script serves the controls; the page's own origin, so no CORS is involved. */
export const DEV_SERVER_PATH = '/__lifeline/server'

/** The `<meta name>` through which the dev script tells the page where the server really is. */
export const SERVER_META = 'lifeline-server'

/** Shortest and longest freeze the controls accept, in ms. */
export const FREEZE_LIMITS = { min: 1_000, max: 60_000 } as const

/** `ms` rounded and brought within `FREEZE_LIMITS`. */
export const clampFreeze = (ms: number): number =>
  Math.min(FREEZE_LIMITS.max, Math.max(FREEZE_LIMITS.min, Math.round(ms)))

/** What the demo's server process is doing. */
export type DevServerState = 'starting' | 'running' | 'frozen' | 'stopped'

/** What `GET /__lifeline/server` answers, and every control with it. */
export interface DevServerStatus {
  readonly state: DevServerState
  /** `ws://127.0.0.1:PORT`: where the server listens (or listened last), `null` before it ever did. */
  readonly url: string | null
  /** When a freeze ends on its own (a `Date.now()` value), or `null`. */
  readonly frozenUntil: number | null
}

/** What the page can do to the server: SIGKILL, SIGSTOP for a while, or a fresh start. */
export type DevServerAction = 'kill' | 'freeze' | 'restart'

/** Whether `value` is a status as the dev script sends it (the page must not trust any JSON). */
export function isDevServerStatus(value: unknown): value is DevServerStatus {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    (v['state'] === 'starting' ||
      v['state'] === 'running' ||
      v['state'] === 'frozen' ||
      v['state'] === 'stopped') &&
    (v['url'] === null || typeof v['url'] === 'string') &&
    (v['frozenUntil'] === null || typeof v['frozenUntil'] === 'number')
  )
}

/**
 * The server's status, or `null` where there are no controls: a production build, Storybook, or
 * Vite run on its own (whose fallback answers this path with the page's HTML).
 */
export async function fetchDevServer(
  fetcher: typeof fetch = fetch,
): Promise<DevServerStatus | null> {
  try {
    const response = await fetcher(DEV_SERVER_PATH, { headers: { accept: 'application/json' } })
    if (!response.ok || !response.headers.get('content-type')?.includes('json')) return null
    const body: unknown = await response.json()
    return isDevServerStatus(body) ? body : null
  } catch {
    return null
  }
}

/**
 * Asks the dev script to act on the server; `ms` is the freeze's length.
 *
 * @returns The status after the action; rejects with the script's reason when it refused.
 */
export async function controlDevServer(
  action: DevServerAction,
  ms?: number,
  fetcher: typeof fetch = fetch,
): Promise<DevServerStatus> {
  const query = action === 'freeze' && ms !== undefined ? `?ms=${Math.round(ms)}` : ''
  const response = await fetcher(`${DEV_SERVER_PATH}/${action}${query}`, { method: 'POST' })
  const body: unknown = await response.json().catch(() => null)
  if (response.ok && isDevServerStatus(body)) return body
  const reason = (body as { error?: unknown } | null)?.error
  throw new Error(typeof reason === 'string' ? reason : `${action} failed (${response.status})`)
}

/** Reads the server the dev script named in the page (`<meta name="lifeline-server">`), if any. */
export function serverFromPage(doc: Pick<Document, 'querySelector'>): string | null {
  const content = doc.querySelector<HTMLMetaElement>(`meta[name="${SERVER_META}"]`)?.content
  return content ? content : null
}
