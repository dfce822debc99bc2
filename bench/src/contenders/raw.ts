import { useEffect, useRef, useState } from 'react'
import type {
  ConnectionView,
  Contender,
  CoreConnection,
  CoreOptions,
  HookOptions,
} from '../types.js'
import { statusOf } from './util.js'

function connect(url: string, options: CoreOptions): CoreConnection {
  const socket = new options.WebSocket(url)
  return {
    status: () => statusOf(socket.readyState),
    onMessage: (listener) => {
      // Kept, as an app keeps what it parsed; the parse cannot be optimised away either way.
      let lastJson: unknown
      socket.addEventListener('message', (event) => {
        if (options.parseJson && typeof event.data === 'string') lastJson = JSON.parse(event.data)
        listener(event.data)
      })
      void lastJson
    },
    send: (data) => socket.send(data),
    start: () => {},
    close: () => socket.close(),
  }
}

/** The least a React app can write: a socket per mount, its status and last message in state. */
export function useRawSocket(url: string, options: HookOptions): ConnectionView {
  const [status, setStatus] = useState('connecting')
  const [lastMessage, setLastMessage] = useState<unknown>(null)
  const onMessage = useRef(options.onMessage)
  onMessage.current = options.onMessage
  const lastJson = useRef<unknown>(undefined)
  const parseJson = options.parseJson === true
  useEffect(() => {
    const socket = new WebSocket(url)
    socket.onopen = () => setStatus('open')
    socket.onclose = () => setStatus('closed')
    socket.onmessage = (event) => {
      if (parseJson && typeof event.data === 'string') lastJson.current = JSON.parse(event.data)
      onMessage.current?.(event.data)
      setLastMessage(event.data)
    }
    return () => socket.close()
  }, [url, parseJson])
  return { status, lastMessage }
}

export const contender: Contender = {
  name: 'raw WebSocket (floor)',
  role: 'floor',
  packages: ['ws'],
  bundles: [
    {
      code: "export { useRawSocket } from './raw.ts'",
      gives: 'useState glue only: no heartbeat, no reconnect',
    },
  ],
  connect,
  useConnection: useRawSocket,
  lacks: {
    heartbeat: 'no heartbeat',
    reconnect: 'no reconnect',
    queue: 'no send queue',
    share: 'no sharing',
  },
}
