import type { NetworkEnvironment, NetworkSignal } from '../options.js'

/**
 * Network and visibility signals of a browser page. Listeners are attached on `subscribe` only and
 * removed by the function it returns; where `window` or `document` do not exist (Node, SSR) it
 * reports online and never signals.
 */
export function createBrowserEnvironment(): NetworkEnvironment {
  return {
    isOnline() {
      const onLine = (globalThis.navigator as Navigator | undefined)?.onLine
      return typeof onLine === 'boolean' ? onLine : true
    },
    subscribe(listener: (signal: NetworkSignal) => void) {
      const win = typeof window === 'undefined' ? undefined : window
      const doc = typeof document === 'undefined' ? undefined : document
      if (!win?.addEventListener) return () => {}
      const onNetwork = (event: Event): void => listener(event.type as NetworkSignal)
      const onVisibility = (): void => {
        if (doc?.visibilityState === 'visible') listener('visible')
      }
      const watch = (on: boolean): void => {
        const method = on ? 'addEventListener' : 'removeEventListener'
        win[method]('online', onNetwork)
        win[method]('offline', onNetwork)
        doc?.[method]('visibilitychange', onVisibility)
      }
      watch(true)
      return () => watch(false)
    },
  }
}
