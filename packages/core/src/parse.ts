// JSON texts that a message protocol sends are objects or arrays; anything else is plain text.
const JSON_START = /^\s*[[{]/

/**
 * The default `parse`: `JSON.parse` for text that looks like JSON (`{` or `[` after leading
 * whitespace), `undefined` for any other text. A text protocol (`'ping'`, free chat lines) is
 * then plain text, not a stream of parse errors; a broken JSON text still throws.
 */
export function parseJsonText(text: string): unknown {
  return JSON_START.test(text) ? JSON.parse(text) : undefined
}
