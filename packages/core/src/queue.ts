import type { OverflowPolicy, SendData } from './types.js'

/** What happened to a message pushed into the queue. */
export type PushResult =
  /** Kept; nothing lost. */
  | 'queued'
  /** Kept; the oldest message was dropped to make room. */
  | 'queued-dropped-oldest'
  /** Not kept, and counted as dropped (`'drop-newest'`, or a queue of size 0). */
  | 'dropped'
  /** Not kept, handed back to the caller (`'error'` policy). */
  | 'refused'

/** A bounded FIFO of messages waiting for an open link. */
export interface Queue {
  readonly size: number
  push(data: SendData): PushResult
  /** Removes and returns every message, oldest first. */
  drain(): SendData[]
  /** Puts messages back at the front, in order (a flush that failed half-way). */
  unshift(messages: readonly SendData[]): void
  clear(): void
}

/** Creates a bounded queue with an overflow policy. */
export function createQueue(options: { maxSize: number; overflow: OverflowPolicy }): Queue {
  let items: SendData[] = []
  return {
    get size() {
      return items.length
    },
    push(data) {
      if (items.length < options.maxSize) {
        items.push(data)
        return 'queued'
      }
      if (options.overflow === 'error') return 'refused'
      if (options.overflow === 'drop-newest' || options.maxSize === 0) return 'dropped'
      items.shift()
      items.push(data)
      return 'queued-dropped-oldest'
    },
    drain() {
      const all = items
      items = []
      return all
    },
    unshift(messages) {
      items = [...messages, ...items]
    },
    clear() {
      items = []
    },
  }
}
