import { createLifeline, type WebSocketConstructor } from '@lifeline/core'
import { useWebSocket } from '@lifeline/react'
import type {
  ConnectionView,
  Contender,
  CoreConnection,
  CoreOptions,
  HookOptions,
} from '../types.js'

function connect(url: string, options: CoreOptions): CoreConnection {
  const line = createLifeline(url, {
    WebSocket: options.WebSocket as unknown as WebSocketConstructor,
    heartbeat: options.heartbeat ?? false,
    autoConnect: options.startClosed !== true,
    ...(options.parse === false ? { parse: false } : {}),
  })
  return {
    status: () => line.store.getState().status,
    onMessage: (listener) => {
      line.onMessage((data) => listener(data))
    },
    send: (data) => {
      line.send(data)
    },
    start: () => line.connect(),
    close: () => line.destroy(),
  }
}

/** The hook's own result: a tracked view, so a component reading only `status` skips messages. */
function useLifelineConnection(url: string, options: HookOptions): ConnectionView {
  return useWebSocket(url, {
    heartbeat: options.heartbeat ?? false,
    share: options.share ?? false,
    ...(options.parse === false ? { parse: false } : {}),
    ...(options.onMessage ? { onMessage: options.onMessage } : {}),
  })
}

export const contender: Contender = {
  name: 'Lifeline',
  role: 'subject',
  packages: ['@lifeline/react', '@lifeline/core', 'zustand'],
  bundles: [
    {
      code: "export { useWebSocket } from '@lifeline/react'",
      gives: 'hook: heartbeat, reconnect, queue, share (core + zustand inside)',
    },
    {
      code: "export { createLifeline } from '@lifeline/core'",
      gives: 'core: heartbeat, reconnect, queue (zustand inside)',
    },
  ],
  connect,
  useConnection: useLifelineConnection,
  lacks: {},
}
