import * as library from 'ahooks/lib/useWebSocket/index.js'
import type { ConnectionView, Contender, HookOptions } from '../types.js'
import { statusOf } from './util.js'

const useWebSocket =
  (library.default as unknown as { default?: typeof library.default }).default ?? library.default

/** ahooks' useWebSocket with its defaults: 3 reconnect attempts, 3 s apart. */
function useAhooks(url: string, options: HookOptions): ConnectionView {
  const { onMessage } = options
  const result = useWebSocket(url, {
    onMessage: (event: MessageEvent) => onMessage?.(event.data),
  })
  return {
    get status() {
      return statusOf(result.readyState)
    },
    get lastMessage() {
      return result.latestMessage?.data ?? null
    },
  }
}

export const contender: Contender = {
  name: 'ahooks',
  role: 'anchor',
  packages: ['ahooks'],
  bundles: [
    {
      code: "export { useWebSocket } from 'ahooks'",
      gives: 'hook: reconnect (3 tries); no heartbeat',
    },
  ],
  connect: null,
  useConnection: useAhooks,
  lacks: {
    core: 'React only',
    heartbeat: 'no heartbeat',
    queue: 'no send queue: sendMessage throws while not open',
    share: 'no sharing',
  },
}
