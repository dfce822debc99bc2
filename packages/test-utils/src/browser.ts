// The browser-safe part of the private kit: synchronous manual timers (see manualTimers.ts).
export type { ManualTimers } from './manualTimers.js'
export { createManualTimers } from './manualTimers.js'
