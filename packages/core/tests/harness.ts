import WebSocket from 'ws'
import { createLifeline, type LifelineOptions } from '../src/index.js'

/** Every integration test's connection: real `ws`, short timings, and destroyed after the test. */
export function connect<In = unknown>(
  url: Parameters<typeof createLifeline>[0],
  options: LifelineOptions<In> = {},
  cleanup: Array<() => unknown> = [],
) {
  const line = createLifeline<In, unknown>(url, {
    WebSocket,
    reconnect: { minDelay: 50, maxDelay: 200, jitter: 0, minUptime: 100 },
    ...options,
  })
  cleanup.push(() => line.destroy())
  return line
}

/** Resolves when the connection's state satisfies `check`; rejects after `timeout` ms. */
export function until<S>(
  store: { getState(): S; subscribe(listener: (state: S) => void): () => void },
  check: (state: S) => boolean,
  timeout = 5_000,
): Promise<S> {
  return new Promise((resolve, reject) => {
    if (check(store.getState())) return resolve(store.getState())
    const timer = setTimeout(() => {
      off()
      reject(new Error(`state never matched; last: ${JSON.stringify(store.getState())}`))
    }, timeout)
    const off = store.subscribe((state) => {
      if (!check(state)) return
      clearTimeout(timer)
      off()
      resolve(state)
    })
  })
}
