import type { ResolvedQueue } from './defaults.js'
import type { ErrorKind, SendData, SendResult } from './types.js'
import { describeError } from './util.js'

/** Where the outbox hands messages: the open socket. */
export interface SendTarget {
  /** Throws what the socket throws. */
  send(data: SendData): void
}

/** The send path: straight to the open socket, else into the bounded queue, always in order. */
export interface Outbox {
  /**
   * Sends `data` on `target` (the open socket, or `null` while the link is down), after anything
   * still queued; else queues it under the overflow policy.
   */
  send(data: SendData, target: SendTarget | null): SendResult
  /** Sends every queued message, oldest first; `false` when the socket refused one (the rest stay). */
  flush(target: SendTarget): boolean
  clear(): void
}

/**
 * Creates the send path of a connection: one bounded FIFO with an overflow policy (`null`: no
 * queue). `report` hears the queue's length and the dropped count after each change.
 */
export function createOutbox(
  queue: ResolvedQueue | null,
  report: (queued: number, dropped: number) => void,
  fail: (kind: ErrorKind, message: string) => void,
): Outbox {
  let items: SendData[] = []
  let dropped = 0
  const sendFailed = (error: unknown): void => fail('send', `send failed: ${describeError(error)}`)

  function flush(target: SendTarget): boolean {
    if (items.length === 0) return true
    let sent = 0
    try {
      for (; sent < items.length; sent++) target.send(items[sent] as SendData)
    } catch (error) {
      sendFailed(error)
    }
    items = items.slice(sent)
    report(items.length, dropped)
    return items.length === 0
  }

  function enqueue(data: SendData): SendResult {
    if (queue === null) return 'dropped'
    const { maxSize, overflow } = queue
    // 'error' hands the message back uncounted; the two drop-* policies count what they lose.
    const full = items.length >= maxSize
    const oldest = full && overflow === 'drop-oldest' && maxSize > 0
    if (!full || oldest) items = [...items.slice(oldest ? 1 : 0), data]
    if (full && overflow !== 'error') dropped++
    report(items.length, dropped)
    if (full) {
      const what = oldest
        ? 'dropped the oldest'
        : overflow === 'error'
          ? 'refused the new'
          : 'dropped the new'
      fail('queue-overflow', `the send queue is full (${maxSize} messages): ${what} message`)
    }
    return !full || oldest ? 'queued' : 'dropped'
  }

  return {
    send(data, target) {
      if (!isSendable(data)) {
        fail(
          'send',
          `send() takes a string, ArrayBuffer, typed array or Blob, got ${typeof data}${process.env.NODE_ENV !== 'production' ? ': use sendJson() for objects' : ''}`,
        )
        return 'dropped'
      }
      if (target !== null && flush(target)) {
        try {
          target.send(data)
          return 'sent'
        } catch (error) {
          sendFailed(error)
        }
      }
      return enqueue(data)
    },
    flush,
    clear() {
      items = []
    },
  }
}

/** Whether `data` is something a WebSocket can send. */
export function isSendable(data: unknown): data is SendData {
  return (
    typeof data === 'string' ||
    data instanceof ArrayBuffer ||
    ArrayBuffer.isView(data) ||
    (typeof Blob !== 'undefined' && data instanceof Blob) ||
    (typeof SharedArrayBuffer !== 'undefined' && data instanceof SharedArrayBuffer)
  )
}
