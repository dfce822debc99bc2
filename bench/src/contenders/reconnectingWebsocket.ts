import ReconnectingWebSocket from 'reconnecting-websocket'
import type { Contender, CoreConnection, CoreOptions } from '../types.js'
import { cjsDefault, statusOf } from './util.js'

const Socket = cjsDefault(ReconnectingWebSocket)

function connect(url: string, options: CoreOptions): CoreConnection {
  const socket = new Socket(url, [], {
    WebSocket: options.WebSocket,
    startClosed: options.startClosed === true,
  })
  return {
    status: () => statusOf(socket.readyState),
    onMessage: (listener) => socket.addEventListener('message', (event) => listener(event.data)),
    send: (data) => socket.send(data),
    start: () => socket.reconnect(),
    close: () => socket.close(),
  }
}

export const contender: Contender = {
  name: 'reconnecting-websocket',
  role: 'anchor',
  packages: ['reconnecting-websocket'],
  bundles: [
    {
      code: "export { default } from 'reconnecting-websocket'",
      gives: 'core: reconnect, queue; no heartbeat',
    },
  ],
  connect,
  useConnection: null,
  lacks: { react: 'no React hook', heartbeat: 'no heartbeat', share: 'no sharing' },
}
