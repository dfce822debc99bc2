import * as library from 'react-use-websocket'
import type { ConnectionView, Contender, HookOptions } from '../types.js'
import { cjsDefault } from './util.js'

const useWebSocket = cjsDefault(library.default)
const NAMES: Record<number, string> = {
  [-1]: 'uninstantiated',
  0: 'connecting',
  1: 'open',
  2: 'closing',
  3: 'closed',
}

/**
 * react-use-websocket with reconnection turned on (it is off unless `shouldReconnect` is given)
 * and its defaults otherwise (5 s between attempts). Its heartbeat `timeout` counts from the last
 * message, not from the ping, so Lifeline's (interval, timeout) maps to (interval, interval +
 * timeout); with equal values it would close a healthy idle link before any ping.
 */
function useReactUseWebsocket(url: string, options: HookOptions): ConnectionView {
  const { heartbeat, onMessage } = options
  const result = useWebSocket(url, {
    share: options.share ?? false,
    shouldReconnect: () => true,
    heartbeat: heartbeat
      ? {
          message: 'ping',
          returnMessage: 'pong',
          interval: heartbeat.interval,
          timeout: heartbeat.interval + heartbeat.timeout,
        }
      : false,
    onMessage: (event: MessageEvent) => {
      if (!(heartbeat && event.data === 'pong')) onMessage?.(event.data)
    },
  })
  return {
    get status() {
      return NAMES[result.readyState] ?? String(result.readyState)
    },
    get lastMessage() {
      return result.lastMessage?.data ?? null
    },
  }
}

export const contender: Contender = {
  name: 'react-use-websocket',
  role: 'anchor',
  packages: ['react-use-websocket'],
  bundles: [
    {
      code: "export { useWebSocket } from 'react-use-websocket/dist/lib/use-websocket'",
      gives:
        'hook: heartbeat, reconnect, queue, share (deep import; the main entry adds socket.io and EventSource)',
    },
  ],
  connect: null,
  useConnection: useReactUseWebsocket,
  lacks: { core: 'React only' },
}
