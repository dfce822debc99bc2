/** A readable message from anything thrown. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Rethrows a listener's error on its own stack, where the runtime reports it as usual. */
export function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error
  })
}

/** `JSON.stringify(value)`, or the error that says why the value has no JSON text. */
export function jsonText(value: unknown): string | Error {
  try {
    return JSON.stringify(value) ?? new TypeError('the value has no JSON form')
  } catch (error) {
    return error instanceof Error ? error : new TypeError(String(error))
  }
}
