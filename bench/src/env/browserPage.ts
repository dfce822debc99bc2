// The page of the browser scenario (`scenarios/hiddenTab.ts`): bundled by esbuild from the
// workspace's `dist` and served by `pageServer.ts`. It runs one Lifeline connection to the URL in
// `?ws=` and records what happened, with `Date.now()`, in `window.__lifelineBench`, which the
// scenario reads over CDP (`Runtime.evaluate`). Nothing here runs in Node.
import { createLifeline } from '@lifeline/core'
import { PAGE_HEARTBEAT, type PageProbe, type PageRecord } from './pageProbe.js'

declare global {
  interface Window {
    __lifelineBench?: PageProbe
  }
}

const records: PageRecord[] = []
const url = new URLSearchParams(location.search).get('ws') ?? ''
const line = createLifeline(url, { heartbeat: PAGE_HEARTBEAT })
let stallOnPing: number | null = null

function stall(ms: number): void {
  const at = Date.now()
  // A busy loop on purpose: the page's main thread is what must be stalled.
  while (Date.now() < at + ms) {
    // spin
  }
  records.push({ type: 'stall', at, until: Date.now() })
}

line.onEvent((event) => {
  const record: PageRecord = {
    type: event.type,
    at: event.at,
    visibility: document.visibilityState,
    ...(event.type === 'status' ? { status: event.status } : {}),
    ...(event.type === 'pong' ? { latency: event.latency } : {}),
    ...(event.type === 'error' ? { kind: event.error.kind } : {}),
    ...(event.type === 'close' ? { code: event.close.code, reason: event.close.reason } : {}),
  }
  records.push(record)
  if (event.type === 'ping' && stallOnPing !== null) {
    const ms = stallOnPing
    stallOnPing = null
    // After the task that sent the ping ends (its timer re-armed), before any frame is read.
    queueMicrotask(() => stall(ms))
  }
})

// `lastSeenAt` moves on every frame, pongs included: it shows when a buffered pong was read.
line.store.subscribe((state, previous) => {
  if (state.lastSeenAt !== null && state.lastSeenAt !== previous.lastSeenAt) {
    records.push({ type: 'frame', at: state.lastSeenAt })
  }
})

for (const type of ['visibilitychange', 'freeze', 'resume'] as const) {
  document.addEventListener(type, () => {
    records.push({ type: `page:${type}`, at: Date.now(), visibility: document.visibilityState })
  })
}

window.__lifelineBench = {
  records,
  state: () => {
    const { status, latency } = line.store.getState()
    return { status, latency, visibility: document.visibilityState }
  },
  stall,
  stallAfterNextPing: (ms) => {
    stallOnPing = ms
  },
}
