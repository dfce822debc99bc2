import { JSDOM } from 'jsdom'

const TIMER_NAMES = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] as const

/**
 * Gives this Node process the browser globals React DOM and the hooks need: `window`,
 * `document`, `navigator`, from one jsdom page. `WebSocket` stays the bench's counting `ws`
 * (`env/sockets.ts`), so every contender, hook or not, uses the same socket implementation.
 * The window's timers call the global ones, so a wrapper on the globals (`env/timers.ts`) also
 * sees `window.setTimeout` (react-use-websocket uses it).
 */
export function installDom(): void {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', {
    url: 'http://127.0.0.1/',
    pretendToBeVisual: true,
  })
  const { window } = dom
  const g = globalThis as Record<string, unknown>
  g['window'] = window
  g['document'] = window.document
  g['navigator'] = window.navigator
  g['HTMLElement'] = window.HTMLElement
  g['Node'] = window.Node
  for (const name of TIMER_NAMES) {
    Object.defineProperty(window, name, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => (g[name] as (...a: unknown[]) => unknown)(...args),
    })
  }
  Object.defineProperty(window, 'WebSocket', {
    configurable: true,
    get: () => g['WebSocket'],
  })
  // Updates are scheduled as in a browser (no act()): renders are counted as users get them.
  g['IS_REACT_ACT_ENVIRONMENT'] = false
}
