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
