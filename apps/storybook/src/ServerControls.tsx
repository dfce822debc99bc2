import { type ReactNode, useSyncExternalStore } from 'react'
import type { Scenario } from './scenario.js'

export interface ServerControlsProps {
  /** The story's world, whose server and network the buttons act on. */
  scenario: Scenario
}

/**
 * The fake server's remote control: what a person does to a real server (kill it, freeze it with
 * SIGSTOP, flood the page, close with a policy code) and to their network, one button each.
 */
export function ServerControls({ scenario }: ServerControlsProps): ReactNode {
  const { server, online, sockets } = useSyncExternalStore(scenario.subscribe, scenario.snapshot)
  return (
    <fieldset className="sb-controls" aria-label="Fake server">
      <legend>
        server <b data-testid="server-mode">{server}</b> · network{' '}
        <b data-testid="network-mode">{online ? 'online' : 'offline'}</b> · sockets made{' '}
        <b data-testid="sockets-made">{sockets}</b>
      </legend>
      <button type="button" onClick={() => scenario.killLink()}>
        Kill link
      </button>
      <button
        type="button"
        onClick={() => scenario.setServer(server === 'frozen' ? 'up' : 'frozen')}
        title="Stop answering anything, pings included, without closing: a half-open link"
      >
        {server === 'frozen' ? 'Unfreeze' : 'Freeze'}
      </button>
      <button type="button" onClick={() => scenario.setServer(server === 'down' ? 'up' : 'down')}>
        {server === 'down' ? 'Start server' : 'Stop server'}
      </button>
      <button type="button" onClick={() => scenario.burst()} title="The server sends 100 messages">
        Burst
      </button>
      <button type="button" onClick={() => scenario.push('{bad')} title="The server sends '{bad'">
        Bad JSON
      </button>
      <button
        type="button"
        onClick={() => scenario.closeLink(1008, 'policy violation')}
        title="The server closes with 1008 (policy violation): the client is at fault, no retry"
      >
        Close 1008
      </button>
      <button type="button" onClick={() => scenario.setOnline(!online)}>
        {online ? 'Go offline' : 'Go online'}
      </button>
    </fieldset>
  )
}
