import { describeError } from './util.js'

/** A received frame's parse result: `json` when it parsed, else why not (`null`: nothing to report). */
export interface ParsedFrame<In> {
  readonly json: In | undefined
  readonly error: string | null
}

const NOTHING: ParsedFrame<never> = { json: undefined, error: null }

/** Parses a text frame with the connection's `parse`; binary frames and `parse: false` give nothing. */
export function parseFrame<In>(
  parse: ((text: string) => In) | null,
  data: unknown,
): ParsedFrame<In> {
  if (parse === null || typeof data !== 'string') return NOTHING
  try {
    return { json: parse(data), error: null }
  } catch (error) {
    return { json: undefined, error: `a message did not parse: ${describeError(error)}` }
  }
}
