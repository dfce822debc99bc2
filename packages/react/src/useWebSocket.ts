import { createLifeline, type Lifeline, type UrlSource } from '@lifeline/core'
import { useEffect, useId, useReducer, useRef, useState } from 'react'
import { useShareRegistry } from './LifelineProvider.js'
import type { UseWebSocketOptions, WebSocketResult } from './types.js'
import { useTrackedState } from './useTrackedState.js'

/**
 * A WebSocket kept alive by Lifeline, as React state. The connection opens after mount (one socket
 * under StrictMode, none on the server), closes with 1000 on unmount, and re-opens when `url` or
 * `protocols` change. Other options are read when the connection is made; the latest callbacks,
 * `hello`, and URL and protocols functions are always the ones called. A component re-renders only when a field it read
 * changed: reading only `status` ignores messages and pongs.
 *
 * @param url the URL, a function called before every attempt, or `null` for no connection.
 * @example
 * ```tsx
 * function Chat() {
 *   const { status, lastJson, sendJson } = useWebSocket<Reply, Request>('wss://chat.example/ws', {
 *     heartbeat: true,
 *     onMessage: (_, json) => console.log(json),
 *   })
 *   return <button disabled={status !== 'open'} onClick={() => sendJson({ say: 'hi' })}>Say hi</button>
 * }
 * ```
 */
export function useWebSocket<In = unknown, Out = unknown>(
  url: UrlSource | null,
  options: UseWebSocketOptions<In> = {},
): WebSocketResult<In, Out> {
  const registry = useShareRegistry()
  const id = useId()
  const latest = useRef({ url, options })
  latest.current = { url, options }
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  const key = connectionKey(id, url, options)
  const line =
    key === null
      ? null
      : registry.get<In, Out>(
          key,
          () => create(latest),
          // Only to warn in development when shared hooks disagree on their options.
          process.env.NODE_ENV !== 'production' ? fingerprint(options) : '',
        )
  const current = useRef(line)
  current.current = line
  const starting = line !== null && options.autoConnect !== false
  const { state, tracker } = useTrackedState(line, starting)

  useEffect(() => {
    if (key === null || line === null) return
    const held = registry.hold(key, line, latest.current.options.autoConnect !== false)
    if (held.line !== line) rerender()
    const on = () => latest.current.options
    const offMessage = held.line.onMessage((data, json) => on().onMessage?.(data, json))
    const offEvent = held.line.onEvent((event) => {
      if (event.type === 'open') on().onOpen?.(event)
      else if (event.type === 'close') on().onClose?.(event.close)
      else if (event.type === 'error') on().onError?.(event.error)
    })
    return () => {
      offMessage()
      offEvent()
      held.release()
    }
  }, [registry, key, line])

  const [api] = useState(() => ({
    send: (data: Parameters<Lifeline['send']>[0]) => current.current?.send(data) ?? 'dropped',
    sendJson: (value: Out) => current.current?.sendJson(value) ?? 'dropped',
    connect: () => current.current?.connect(),
    disconnect: (code?: number, reason?: string) => current.current?.disconnect(code, reason),
    getWebSocket: () => current.current?.socket() ?? null,
  }))
  return tracker.track({ ...state, ...api, lifeline: line })
}

/** Same key, same connection: shared by key, else private to this hook and its URL and protocols. */
function connectionKey(
  id: string,
  url: UrlSource | null,
  options: Pick<UseWebSocketOptions, 'protocols' | 'share'>,
): string | null {
  if (url === null) return null
  // URL and protocols functions are read through a ref at each attempt, so a new function each
  // render is no change.
  const { protocols } = options
  const target = `${typeof url === 'function' ? 'fn' : String(url)}|${typeof protocols === 'function' ? 'fn' : [protocols ?? ''].flat().join(',')}`
  if (typeof options.share === 'string') return `share:${options.share}`
  return options.share ? `share:${target}` : `own:${id}|${target}`
}

function create<In, Out>(latest: {
  current: { url: UrlSource | null; options: UseWebSocketOptions<In> }
}) {
  const { url, options } = latest.current
  const { protocols, hello } = options
  const now = () => latest.current
  // Functions the connection calls at each attempt or open are the latest render's.
  const source: UrlSource =
    typeof url === 'function' ? () => (now().url as () => string)() : (url ?? '')
  return createLifeline<In, Out>(source, {
    ...options,
    autoConnect: false,
    ...(typeof protocols === 'function'
      ? { protocols: () => (now().options.protocols as () => string)() }
      : {}),
    ...(hello ? { hello: () => now().options.hello?.() } : {}),
  })
}

/** The options that shape a connection, to tell a shared hook whose options were ignored. */
function fingerprint(options: object): string {
  return JSON.stringify(options, (_, value) => (typeof value === 'function' ? undefined : value))
}
