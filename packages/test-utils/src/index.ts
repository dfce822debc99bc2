// The private kit of this repository's own tests. What users need is public in `@lifeline/testing`;
// what stays here is this repository's: per-file cleanup lists, a child-process server and the
// synchronous manual timers core's own tests use to model several events inside one task.
export * from './browser.js'
export { type Cleanup, registerCleanup, testServer } from './registerCleanup.js'
export type { ServerProcess, ServerProcessOptions } from './startServerProcess.js'
export { startServerProcess } from './startServerProcess.js'

/** Resolves after `ms` milliseconds of the (possibly fake) global clock. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms)
  })
}
