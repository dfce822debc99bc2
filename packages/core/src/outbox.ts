import type { ResolvedQueue } from './defaults.js'
import { createQueue } from './queue.js'
import type { ErrorKind, SendData, SendResult } from './types.js'
import { describeError } from './util.js'

/** Where the outbox hands messages: the open socket. */
export interface SendTarget {
  send(data: SendData): void
}

/** What the outbox needs from the connection around it. */
export interface OutboxDeps {
  readonly queue: ResolvedQueue | null
  /** The socket to send on now, or `null` when the link is not open (or was just found dead). */
  readonly target: () => SendTarget | null
  readonly report: (queued: number, dropped: number) => void
  readonly fail: (kind: ErrorKind, message: string) => void
}

/** The send path: straight to the open socket, else into the bounded queue, always in order. */
export interface Outbox {
  send(data: SendData): SendResult
  /** Sends every queued message, oldest first, on the socket that just opened. */
  flush(): void
  clear(): void
}

/** Creates the send path of a connection. */
export function createOutbox(deps: OutboxDeps): Outbox {
  const queue = deps.queue && createQueue(deps.queue)
  let dropped = 0

  const report = (): void => deps.report(queue?.size ?? 0, dropped)

  /** Sends queued messages first; `false` when the socket refused one (the rest stay queued). */
  function flushTo(target: SendTarget): boolean {
    if (queue === null || queue.size === 0) return true
    const items = queue.drain()
    let sent = 0
    try {
      for (const item of items) {
        target.send(item)
        sent++
      }
    } catch (error) {
      queue.unshift(items.slice(sent))
      deps.fail('send', `sending a queued message failed: ${describeError(error)}`)
    }
    report()
    return sent === items.length
  }

  function enqueue(data: SendData): SendResult {
    if (queue === null) return 'dropped'
    const max = deps.queue?.maxSize ?? 0
    const result = queue.push(data)
    if (result === 'queued') {
      report()
      return 'queued'
    }
    if (result !== 'refused') dropped++
    report()
    const what =
      result === 'queued-dropped-oldest'
        ? 'dropped the oldest message'
        : result === 'dropped'
          ? 'dropped the new message'
          : 'refused the new message'
    deps.fail('queue-overflow', `the send queue is full (${max} messages): ${what}`)
    return result === 'queued-dropped-oldest' ? 'queued' : 'dropped'
  }

  return {
    send(data) {
      if (!isSendable(data)) {
        deps.fail(
          'send',
          `send() takes a string, ArrayBuffer, typed array or Blob, got ${typeof data}; use sendJson() for objects`,
        )
        return 'dropped'
      }
      const target = deps.target()
      if (target !== null && flushTo(target)) {
        try {
          target.send(data)
          return 'sent'
        } catch (error) {
          deps.fail('send', `send failed: ${describeError(error)}`)
        }
      }
      return enqueue(data)
    },
    flush() {
      const target = deps.target()
      if (target !== null) flushTo(target)
    },
    clear() {
      queue?.clear()
    },
  }
}

function isSendable(data: unknown): data is SendData {
  return (
    typeof data === 'string' ||
    data instanceof ArrayBuffer ||
    ArrayBuffer.isView(data) ||
    (typeof Blob !== 'undefined' && data instanceof Blob) ||
    (typeof SharedArrayBuffer !== 'undefined' && data instanceof SharedArrayBuffer)
  )
}
