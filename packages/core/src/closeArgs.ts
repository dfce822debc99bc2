/** Close arguments a socket accepts, and what was wrong with the ones given. */
export interface CloseArgs {
  readonly code: number
  readonly reason: string
  readonly problem: string | null
}

const MAX_REASON_BYTES = 123

/**
 * Makes `disconnect(code, reason)` arguments safe for `WebSocket.close`, which throws on a code other
 * than 1000 or 3000–4999 and on a reason over 123 UTF-8 bytes: such input becomes 1000 or a
 * shortened reason, and `problem` says what was changed.
 */
export function closeArgs(code: number, reason: string): CloseArgs {
  const codeOk = code === 1000 || (Number.isInteger(code) && code >= 3000 && code <= 4999)
  const text = typeof reason === 'string' ? reason : ''
  const bytes = new TextEncoder().encode(text)
  const tooLong = bytes.length > MAX_REASON_BYTES
  // A cut inside a character decodes to U+FFFD: drop that part, whole characters stay.
  const safeReason = tooLong
    ? new TextDecoder().decode(bytes.subarray(0, MAX_REASON_BYTES)).replace(/\uFFFD$/, '')
    : text
  const problems = [
    codeOk ? '' : `close code ${code} is not allowed (use 1000 or 3000–4999); sent 1000`,
    tooLong ? `close reason longer than ${MAX_REASON_BYTES} bytes; shortened` : '',
  ].filter(Boolean)
  return {
    code: codeOk ? code : 1000,
    reason: safeReason,
    problem: problems.length > 0 ? problems.join('; ') : null,
  }
}
