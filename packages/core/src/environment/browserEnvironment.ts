import type { NetworkEnvironment, NetworkSignal } from '../types.js'

/**
 * Network and visibility signals of a browser page. Listeners are attached on `subscribe` only and
 * removed by the function it returns; where `window` or `document` do not exist (Node, SSR) it
 * reports online and never signals.
 */
export function createBrowserEnvironment(): NetworkEnvironment {
  return {
    isOnline() {
      const nav = globalThis.navigator as Navigator | undefined
      return typeof nav?.onLine === 'boolean' ? nav.onLine : true
    },
    subscribe(listener: (signal: NetworkSignal) => void) {
      const win = typeof window === 'undefined' ? undefined : window
      const doc = typeof document === 'undefined' ? undefined : document
      if (!win?.addEventListener) return () => {}
      const online = (): void => listener('online')
      const offline = (): void => listener('offline')
      const visibility = (): void => {
        if (doc?.visibilityState === 'visible') listener('visible')
      }
      win.addEventListener('online', online)
      win.addEventListener('offline', offline)
      doc?.addEventListener('visibilitychange', visibility)
      return () => {
        win.removeEventListener('online', online)
        win.removeEventListener('offline', offline)
        doc?.removeEventListener('visibilitychange', visibility)
      }
    },
  }
}
