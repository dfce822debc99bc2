import { type UseWebSocketOptions, useWebSocket, type WebSocketResult } from '@lifeline/react'
import { type ReactNode, useState } from 'react'
import type { Scenario } from './scenario.js'

/** Where the live connection of a story goes; only the fake WebSocket ever sees it. */
export const LIVE_URL = 'ws://fake.lifeline.test/live'

/** Messages "Send 20" sends. */
export const SEND_BURST = 20

export interface LiveConnectionProps {
  /** The story's world; its `transport` is merged under `options`. */
  scenario: Scenario
  /** Options of the connection (heartbeat, reconnect, queue, autoConnect…). */
  options?: UseWebSocketOptions | undefined
  /** Renders the component under test with the real hook's result. */
  children: (ws: WebSocketResult) => ReactNode
}

/**
 * A real `useWebSocket` connection to the scenario's fake server, with the client's own controls
 * (Connect, Disconnect, Send 20) and "attempt n of N" above whatever `children` render from it.
 */
export function LiveConnection({ scenario, options, children }: LiveConnectionProps): ReactNode {
  const [received, setReceived] = useState(0)
  const ws = useWebSocket(LIVE_URL, {
    ...scenario.transport,
    ...options,
    onMessage: () => setReceived((n) => n + 1),
  })
  const reconnect = options?.reconnect
  const max = reconnect ? (reconnect.maxAttempts ?? Infinity) : 0
  const sendBurst = (): void => {
    for (let n = 1; n <= SEND_BURST; n++) ws.send(`message ${n}`)
  }
  return (
    <>
      <fieldset className="sb-controls" aria-label="Client">
        <legend>
          client attempt{' '}
          <b data-testid="attempt-of">
            {ws.attempt} of {max === Infinity ? '∞' : max}
          </b>{' '}
          · received <b data-testid="received">{received}</b>
        </legend>
        <button type="button" onClick={() => ws.connect()}>
          Connect
        </button>
        <button type="button" onClick={() => ws.disconnect()}>
          Disconnect
        </button>
        <button type="button" onClick={sendBurst} title="The page sends 20 messages">
          Send {SEND_BURST}
        </button>
      </fieldset>
      {children(ws)}
    </>
  )
}
