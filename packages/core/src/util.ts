/** A readable message from anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message
  return typeof error === 'string' ? error : String(error)
}

/**
 * Calls a user's listener so that its throw cannot break the engine or the listeners after it; the
 * error is rethrown on its own stack, where the runtime reports it as usual.
 */
export function safeCall<Args extends unknown[]>(
  listener: (...args: Args) => void,
  ...args: Args
): void {
  try {
    listener(...args)
  } catch (error) {
    rethrowLater(error)
  }
}

/** Rethrows a listener's error on its own stack, where the runtime reports it as usual. */
export function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error
  })
}
