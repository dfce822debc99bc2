import { describeError } from './util.js'

/**
 * Parses a text frame with the connection's `parse`; binary frames and `parse: false` give
 * `undefined`. A throw gives `undefined` and a readable message to `fail`. Nothing is allocated for
 * a frame that parses: this runs for every message.
 */
export function parseFrame<In>(
  parse: ((text: string) => In) | null,
  data: unknown,
  fail: (message: string) => void,
): In | undefined {
  if (parse === null || typeof data !== 'string') return undefined
  try {
    return parse(data)
  } catch (error) {
    fail(`a message did not parse: ${describeError(error)}`)
    return undefined
  }
}
