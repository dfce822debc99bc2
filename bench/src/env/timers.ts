import { AsyncLocalStorage } from 'node:async_hooks'

type Handle = ReturnType<typeof setTimeout>

/**
 * Counts live timers (timeouts not yet fired or cleared, intervals not cleared) per tag. The tag
 * is the async context a timer was created in (`withTag`), which Node carries through timer
 * callbacks and socket events: a reconnect loop that outlives its unmount keeps its tag and is
 * counted against the contender that leaked it, not whoever runs next.
 */
export interface TimerCensus {
  withTag<T>(tag: string, run: () => T): T
  live(tag: string): number
  /** The unwrapped `setTimeout`, for the bench's own waits (never counted). */
  readonly sleep: (ms: number) => Promise<void>
}

export function installTimerCensus(): TimerCensus {
  const g = globalThis as unknown as Record<string, (...args: unknown[]) => unknown>
  const original = {
    setTimeout: g['setTimeout'] as typeof setTimeout,
    clearTimeout: g['clearTimeout'] as typeof clearTimeout,
    setInterval: g['setInterval'] as typeof setInterval,
    clearInterval: g['clearInterval'] as typeof clearInterval,
  }
  const context = new AsyncLocalStorage<string>()
  const live = new Map<number, string>()
  const idOf = (handle: unknown): number => Number(handle)

  const add = <H>(handle: H): H => {
    const tag = context.getStore()
    if (tag !== undefined) live.set(idOf(handle), tag)
    return handle
  }
  g['setTimeout'] = (callback: unknown, ms?: unknown, ...args: unknown[]) => {
    const handle: Handle = original.setTimeout(
      (...callArgs: unknown[]) => {
        live.delete(idOf(handle))
        ;(callback as (...a: unknown[]) => void)(...callArgs)
      },
      ms as number,
      ...args,
    )
    return add(handle)
  }
  g['setInterval'] = (callback: unknown, ms?: unknown, ...args: unknown[]) =>
    add(original.setInterval(callback as () => void, ms as number, ...args))
  const clear = (handle: unknown): void => {
    if (handle === undefined || handle === null) return
    live.delete(idOf(handle))
    original.clearTimeout(handle as Handle)
  }
  g['clearTimeout'] = clear
  g['clearInterval'] = clear

  return {
    withTag: (tag, run) => context.run(tag, run),
    live: (tag) => [...live.values()].filter((t) => t === tag).length,
    sleep: (ms) => new Promise((resolve) => original.setTimeout(resolve, ms)),
  }
}
