import WebsocketHeartbeatJs from 'websocket-heartbeat-js'
import type { Contender, CoreConnection, CoreOptions } from '../types.js'
import { cjsDefault, statusOf } from './util.js'

const Heartbeat = cjsDefault(WebsocketHeartbeatJs)

/**
 * websocket-heartbeat-js always runs its heartbeat (defaults: ping after 15 s of silence, close
 * 10 s after the ping) and uses the global `WebSocket` (the bench installs its own). Replies to
 * its pings reach `onmessage`; they are filtered here as Lifeline filters pongs.
 */
function connect(url: string, options: CoreOptions): CoreConnection {
  const client = new Heartbeat({
    url,
    pingMsg: 'ping',
    ...(options.heartbeat
      ? { pingTimeout: options.heartbeat.interval, pongTimeout: options.heartbeat.timeout }
      : {}),
  })
  const listeners: ((data: unknown) => void)[] = []
  client.onmessage = (event) => {
    if (event.data === 'pong') return
    for (const listener of listeners) listener(event.data)
  }
  return {
    status: () => statusOf(client.ws.readyState),
    onMessage: (listener) => {
      listeners.push(listener)
    },
    send: (data) => client.send(data),
    start: () => {},
    close: () => client.close(),
  }
}

export const contender: Contender = {
  name: 'websocket-heartbeat-js',
  role: 'anchor',
  packages: ['websocket-heartbeat-js'],
  bundles: [
    {
      code: "export { default } from 'websocket-heartbeat-js'",
      gives: 'core: heartbeat, reconnect',
    },
  ],
  connect,
  useConnection: null,
  lacks: {
    react: 'no React hook',
    queue: 'no send queue: send() throws while not open',
    share: 'no sharing',
  },
}
