import type { ConnectionStore } from './connectionStore.js'
import type { Listeners } from './listeners.js'
import type { LifelineError, LifelineEvent, MessageData } from './types.js'
import { describeError } from './util.js'

/**
 * Creates what a received app message does: it is parsed (`parse`, `null` for off), recorded in the
 * store (`lastMessage`, `lastJson`, `lastSeenAt`, a parse error), and handed to every `onMessage`
 * listener. Nothing is allocated for a frame that parses: this runs for every message.
 */
export function createDelivery<In>(
  parse: ((text: string) => In) | null,
  states: ConnectionStore<In>,
  emit: (event: LifelineEvent) => void,
  listeners: Listeners<MessageData, In | undefined>,
): (data: MessageData, now: number) => void {
  return (data, now) => {
    let json: In | undefined
    let error: LifelineError | null = null
    if (parse !== null && typeof data === 'string') {
      try {
        json = parse(data)
      } catch (problem) {
        error = {
          kind: 'parse',
          message: `a message did not parse: ${describeError(problem)}`,
          at: now,
        }
      }
    }
    // No transition: a message changes no status or timer, and the store folds a whole burst
    // into one state and one notification; a parse error rides along with its message.
    states.message(data, json, now, error)
    if (error !== null) emit({ type: 'error', error, at: now })
    listeners.emit(data, json)
  }
}
