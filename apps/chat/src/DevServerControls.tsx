import { type ReactNode, useEffect, useState } from 'react'
import { ActionButton } from './ActionButton.js'
import type { DemoConfig } from './config.js'
import {
  clampFreeze,
  controlDevServer,
  type DevServerAction,
  type DevServerStatus,
  fetchDevServer,
} from './devServer.js'
import { formatSeconds } from './format.js'

/** How often the bar asks the dev script what the server is doing, in ms. */
const POLL = 1_000

/** How much longer than heartbeat interval + timeout a freeze lasts: the timeout shows, then the thaw. */
const FREEZE_MARGIN = 3_000

export interface DevServerControlsProps {
  /**
   * The page's config: its `server` is what the connections dial (to notice a move), and Freeze
   * lasts its heartbeat `interval` + `timeout` + 3 s, so the heartbeat timeout is seen before
   * the server thaws.
   */
  config: DemoConfig
}

const STATE_TEXT: Record<DevServerStatus['state'], string> = {
  starting: 'starting…',
  running: 'running',
  frozen: 'frozen (SIGSTOP)',
  stopped: 'stopped',
}

/**
 * The dev script's remote control for the demo's server (`pnpm dev` only; loopback only): Kill
 * (SIGKILL), Freeze (SIGSTOP for a few seconds: a half-open link) and Restart, with what the server
 * is doing now. Renders nothing where the dev script does not answer (a production build).
 */
export function DevServerControls({ config }: DevServerControlsProps): ReactNode {
  const [status, setStatus] = useState<DevServerStatus | null>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [now, setNow] = useState(Date.now)

  useEffect(() => {
    let stopped = false
    const poll = async (): Promise<void> => {
      const next = await fetchDevServer()
      if (stopped) return
      setNow(Date.now())
      if (next !== null) setStatus(next)
    }
    void poll()
    const timer = setInterval(() => void poll(), POLL)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [])

  if (status === null) return null
  const ms = clampFreeze(config.interval + config.timeout + FREEZE_MARGIN)
  const act = async (action: DevServerAction): Promise<void> => {
    setBusy(true)
    setProblem(null)
    try {
      setStatus(await controlDevServer(action, ms))
      setNow(Date.now())
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }
  const { state, url, frozenUntil } = status
  const alive = state === 'running' || state === 'frozen'
  return (
    <section className="dev-server" aria-label="Demo server (development only)">
      <p className="dev-server-state">
        Demo server <code data-testid="dev-server-url">{url ?? '—'}</code>
        {' · '}
        <span role="status" data-testid="dev-server-state">
          {STATE_TEXT[state]}
        </span>
        {frozenUntil !== null && (
          <span className="muted"> · thaws in {formatSeconds(frozenUntil - now)}</span>
        )}
      </p>
      <div className="dev-server-buttons">
        <ActionButton enabled={!busy && alive} onClick={() => void act('kill')}>
          Kill
        </ActionButton>
        <ActionButton enabled={!busy && state === 'running'} onClick={() => void act('freeze')}>
          Freeze {Math.round(ms / 1000)} s
        </ActionButton>
        <ActionButton enabled={!busy && state !== 'starting'} onClick={() => void act('restart')}>
          Restart
        </ActionButton>
      </div>
      {url !== null && url !== config.server && (
        <p className="field-error" role="alert">
          The server moved to <code>{url}</code>: reload the page to follow it.
        </p>
      )}
      {problem !== null && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  )
}
