import type { Lifeline } from '@lifeline/core'

/** Where hooks find their connections: shared ones by key, private ones by hook. */
export interface ShareRegistry {
  /**
   * The connection under `key`; `create` makes one, not started, when there is none. Safe during
   * render: a connection that no hook ever holds is forgotten after the current task.
   */
  get<In, Out>(key: string, create: () => Lifeline<In, Out>, fingerprint: string): Lifeline<In, Out>
  /**
   * Holds the connection under `key` (adopting `line` when the key is free). The first hold starts
   * it when `start` is set; the last release destroys it. Both wait for a microtask, so StrictMode's
   * unmount and remount of one mount neither open a second socket nor close the first.
   * @returns the connection actually held (another one when a hook got there first) and the release.
   */
  hold<In, Out>(
    key: string,
    line: Lifeline<In, Out>,
    start: boolean,
  ): { line: Lifeline<In, Out>; release: () => void }
  /** Connections known now. */
  size(): number
}

interface Entry {
  readonly line: Lifeline<unknown, unknown>
  /** `null` when a hold adopted the connection before any render described its options. */
  fingerprint: string | null
  refs: number
  started: boolean
  warned: boolean
}

/** Creates a registry; give it to `<LifelineProvider registry>` to scope connections (tests, SSR). */
export function createShareRegistry(): ShareRegistry {
  const entries = new Map<string, Entry>()

  const add = (
    key: string,
    line: Lifeline<unknown, unknown>,
    fingerprint: string | null,
  ): Entry => {
    const entry: Entry = { line, fingerprint, refs: 0, started: false, warned: false }
    entries.set(key, entry)
    queueMicrotask(() => {
      if (entry.refs === 0 && !entry.started && entries.get(key) === entry) entries.delete(key)
    })
    return entry
  }

  return {
    get<In, Out>(key: string, create: () => Lifeline<In, Out>, fingerprint: string) {
      let entry = entries.get(key)
      if (entry === undefined) entry = add(key, create() as Lifeline<unknown, unknown>, fingerprint)
      else if (entry.fingerprint === null) entry.fingerprint = fingerprint
      else if (
        process.env.NODE_ENV !== 'production' &&
        entry.fingerprint !== fingerprint &&
        !entry.warned
      ) {
        entry.warned = true
        console.warn(
          `[lifeline] useWebSocket share "${key}": options differ from the first hook's; the first hook's options are used.`,
        )
      }
      return entry.line as Lifeline<In, Out>
    },
    hold<In, Out>(key: string, line: Lifeline<In, Out>, start: boolean) {
      const entry = entries.get(key) ?? add(key, line as Lifeline<unknown, unknown>, null)
      entry.refs++
      if (start && !entry.started) {
        queueMicrotask(() => {
          if (entry.refs === 0 || entry.started) return
          entry.started = true
          entry.line.connect()
        })
      }
      let released = false
      const release = (): void => {
        if (released) return
        released = true
        entry.refs--
        queueMicrotask(() => {
          if (entry.refs > 0 || entries.get(key) !== entry) return
          entries.delete(key)
          entry.line.destroy()
        })
      }
      return { line: entry.line as Lifeline<In, Out>, release }
    },
    size: () => entries.size,
  }
}
