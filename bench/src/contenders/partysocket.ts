import useWebSocket from 'partysocket/use-ws'
import ReconnectingWebSocket from 'partysocket/ws'
import { useState } from 'react'
import type {
  ConnectionView,
  Contender,
  CoreConnection,
  CoreOptions,
  HookOptions,
} from '../types.js'
import { statusOf } from './util.js'

function connect(url: string, options: CoreOptions): CoreConnection {
  const socket = new ReconnectingWebSocket(url, undefined, {
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

/** partysocket's hook returns the socket itself: status and last message need useState glue. */
function usePartysocket(url: string, options: HookOptions): ConnectionView {
  const [status, setStatus] = useState('connecting')
  const [lastMessage, setLastMessage] = useState<unknown>(null)
  useWebSocket(url, undefined, {
    WebSocket: globalThis.WebSocket,
    onOpen: () => setStatus('open'),
    onClose: () => setStatus('closed'),
    onMessage: (event) => {
      options.onMessage?.(event.data)
      setLastMessage(event.data)
    },
  })
  return { status, lastMessage }
}

export const contender: Contender = {
  name: 'partysocket',
  role: 'anchor',
  packages: ['partysocket'],
  bundles: [
    {
      code: "export { default } from 'partysocket/use-ws'",
      gives: 'hook: reconnect, queue; no heartbeat',
    },
    {
      code: "export { default } from 'partysocket/ws'",
      gives: 'core: reconnect, queue; no heartbeat',
    },
  ],
  connect,
  useConnection: usePartysocket,
  lacks: { heartbeat: 'no heartbeat', share: 'no sharing' },
}
