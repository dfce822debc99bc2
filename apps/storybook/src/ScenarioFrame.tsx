import { createShareRegistry, LifelineProvider } from '@lifeline/react'
import { type ReactNode, useEffect, useState } from 'react'
import { ServerControls } from './ServerControls.js'
import { createScenario, type Scenario, type ScenarioSettings } from './scenario.js'

export interface ScenarioFrameProps {
  /** How the world starts; read once, at mount (give the frame a new `key` to start over). */
  settings: ScenarioSettings
  /** The `reconnect.maxAttempts` of the connection under test, shown above it. Default `Infinity`. */
  maxAttempts?: number | undefined
  /** Renders the component under test with the scenario (its `transport` goes into the options). */
  children: (scenario: Scenario) => ReactNode
}

/**
 * One story's world: a fresh scenario (fake WebSocket, server and network) and a fresh share
 * registry per mount, so stories shown side by side on a docs page never share a connection, and
 * the server's control bar above the component.
 */
export function ScenarioFrame({ settings, maxAttempts, children }: ScenarioFrameProps): ReactNode {
  const [scenario] = useState(() => createScenario(settings))
  const [registry] = useState(createShareRegistry)
  useEffect(() => {
    scenario.start()
    return () => scenario.stop()
  }, [scenario])
  const max = maxAttempts === undefined || maxAttempts === Infinity ? '∞' : String(maxAttempts)
  return (
    <LifelineProvider registry={registry}>
      <div className="sb-scenario">
        <ServerControls scenario={scenario} />
        <p className="sb-note">
          reconnect.maxAttempts <b data-testid="max-attempts">{max}</b>
        </p>
        {children(scenario)}
      </div>
    </LifelineProvider>
  )
}
