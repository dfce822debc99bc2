import { createLifeline, type MessageData, type SendResult, type Status } from '@lifeline/core'
import { expectTypeOf } from 'vitest'
import { useLifeline, useWebSocket, type WebSocketResult } from '../src/index.js'

interface Reply {
  text: string
}
interface Request {
  say: string
}

/** Compile-time only (a hook by name, as it calls hooks): never called (checked by `tsc -p tsconfig.json`, not run by vitest). */
export function useTypeTests(url: string): void {
  const ws = useWebSocket<Reply, Request>(url, {
    onMessage(data, json) {
      expectTypeOf(data).toEqualTypeOf<MessageData>()
      expectTypeOf(json).toEqualTypeOf<Reply | undefined>()
    },
  })
  expectTypeOf(ws).toEqualTypeOf<WebSocketResult<Reply, Request>>()
  expectTypeOf(ws.lastJson).toEqualTypeOf<Reply | undefined>()
  expectTypeOf(ws.sendJson).parameter(0).toEqualTypeOf<Request>()
  expectTypeOf(ws.sendJson({ say: 'hi' })).toEqualTypeOf<SendResult>()
  // @ts-expect-error: not a Request
  ws.sendJson({ wrong: 1 })
  expectTypeOf(ws.send('x')).toEqualTypeOf<'sent' | 'queued' | 'dropped'>()
  expectTypeOf(ws.send(new Uint8Array(1))).toEqualTypeOf<SendResult>()
  expectTypeOf(ws.status).toEqualTypeOf<Status>()
  expectTypeOf(ws.status).not.toEqualTypeOf<string>()
  expectTypeOf<'open'>().toExtend<typeof ws.status>()
  expectTypeOf<'opened'>().not.toExtend<typeof ws.status>()
  expectTypeOf(ws.lastMessage).toEqualTypeOf<MessageData | null>()
  expectTypeOf(ws.connect).toEqualTypeOf<() => void>()

  const plain = useWebSocket(url)
  expectTypeOf(plain.lastJson).toEqualTypeOf<unknown>()
  expectTypeOf(plain.sendJson).parameter(0).toEqualTypeOf<unknown>()

  // A null URL, a URL object and a URL function are all accepted.
  useWebSocket(null)
  useWebSocket(new URL(url))
  useWebSocket(async () => url)
  // @ts-expect-error: a number is no URL
  useWebSocket(42)
  // @ts-expect-error: share is a boolean or a key
  useWebSocket(url, { share: 1 })

  const line = createLifeline<Reply, Request>(url)
  expectTypeOf(useLifeline(line, (s) => s.status)).toEqualTypeOf<Status>()
  expectTypeOf(useLifeline(line, (s) => s.lastJson)).toEqualTypeOf<Reply | undefined>()
  expectTypeOf(useLifeline(line, (s) => s.latency)).toEqualTypeOf<number | null>()
}
