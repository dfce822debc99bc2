import type { CapabilityHooks } from './capability.js'
import type { ResolvedQueue } from './defaults.js'
import type { HelloFrames } from './options.js'
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
   * Sends `data` on `target` (the open socket, or `null` while the link is not open), after
   * anything still queued; else queues it under the overflow policy.
   */
  send(data: SendData, target: SendTarget | null): SendResult
  /**
   * A socket opened: `hello`'s frames first, then what a capability replays, then the queue.
   * A `hello` that throws or gives something unsendable is reported; the rest still goes out.
   */
  open(target: SendTarget, hello: (() => HelloFrames) | undefined): void
  clear(): void
}

/**
 * Creates the send path of a connection: one bounded FIFO with an overflow policy (`null`: no
 * queue). `report` hears the queue's length and the dropped count after each change; a
 * capability's hooks may rewrite, hold or refuse each frame and bound the queue further.
 */
export function createOutbox(
  queue: ResolvedQueue | null,
  report: (queued: number, dropped: number) => void,
  fail: (kind: ErrorKind, message: string) => void,
  hooks: CapabilityHooks = {},
): Outbox {
  let items: SendData[] = []
  let dropped = 0
  const sendFailed = (error: unknown): void => fail('send', `send failed: ${describeError(error)}`)
  const frame = (data: SendData, numbered = true) => hooks.wrap?.(data, numbered) ?? data

  /** Sends queued messages first; `false` when one must wait (the socket refused it, or held). */
  function flush(target: SendTarget): boolean {
    if (items.length === 0) return true
    let sent = 0
    try {
      for (; sent < items.length; sent++) {
        const next = frame(items[sent] as SendData)
        if (next === 'hold') break
        if (next !== 'refuse') target.send(next)
      }
    } catch (error) {
      sendFailed(error)
    }
    items = items.slice(sent)
    report(items.length, dropped)
    return items.length === 0
  }

  function enqueue(data: SendData): SendResult {
    if (queue === null) return 'dropped'
    const { overflow } = queue
    const maxSize = Math.min(queue.maxSize, hooks.room?.() ?? Infinity)
    // 'error' hands the message back uncounted; the two drop-* policies count what they lose.
    const full = items.length >= maxSize
    const oldest = full && overflow === 'drop-oldest' && items.length > 0
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
        const next = frame(data)
        if (next === 'refuse') return 'dropped'
        if (next !== 'hold') {
          try {
            target.send(next)
            return 'sent'
          } catch (error) {
            sendFailed(error)
          }
        }
      }
      return enqueue(data)
    },
    open(target, hello) {
      try {
        const frames = hello?.()
        for (const data of frames === undefined ? [] : ([] as SendData[]).concat(frames)) {
          if (!isSendable(data)) throw new TypeError(`got ${typeof data}, not sendable data`)
          const next = frame(data, false)
          if (next !== 'hold' && next !== 'refuse') target.send(next)
        }
      } catch (error) {
        fail('send', `hello failed: ${describeError(error)}`)
      }
      hooks.replay?.()
      flush(target)
    },
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
