import type { TimerProvider } from '../options.js'

/** Acknowledge after this many messages, or `ACK_DELAY` after the first unacknowledged one. */
export const ACK_EVERY = 32
/** In ms. */
export const ACK_DELAY = 200

/** Messages one side sent and keeps until the other acknowledges them. */
export interface Outgoing {
  /** The number of `messages[0]`. */
  first: number
  messages: string[]
}

/** The number of the last message kept (`first - 1` when none is). */
export function lastNumber(out: Outgoing): number {
  return out.first - 1 + out.messages.length
}

/** Forgets the messages that `ack` covers. `false` (nothing done) for an ack of one never sent. */
export function acknowledge(out: Outgoing, ack: number): boolean {
  if (ack > lastNumber(out)) return false
  if (ack >= out.first) {
    out.messages = out.messages.slice(ack - out.first + 1)
    out.first = ack + 1
  }
  return true
}

/**
 * What to make of message `n` when every message up to `received` arrived: `'next'` (deliver it),
 * `'again'` (a resend of one that arrived already: drop it, acknowledge again) or `'gap'` (one is
 * missing, which the protocol never does).
 */
export function arrival(n: number, received: number): 'next' | 'again' | 'gap' {
  return n === received + 1 ? 'next' : n <= received ? 'again' : 'gap'
}

/** Acknowledgements in batches. */
export interface AckBatch {
  /** A message arrived: acknowledge now after `ACK_EVERY` of them, else `ACK_DELAY` after the first. */
  count(): void
  /** Forgets the batch (the socket is gone: the next handshake acknowledges everything). */
  cancel(): void
}

/** Creates an acknowledgement batch that calls `send` when one is due. */
export function createAckBatch(
  timers: Pick<TimerProvider, 'setTimeout' | 'clearTimeout'>,
  send: () => void,
): AckBatch {
  let counted = 0
  let timer: unknown = null
  const cancel = (): void => {
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
    counted = 0
  }
  const flush = (): void => {
    cancel()
    send()
  }
  return {
    count() {
      if (++counted >= ACK_EVERY) flush()
      else timer ??= timers.setTimeout(flush, ACK_DELAY)
    },
    cancel,
  }
}
