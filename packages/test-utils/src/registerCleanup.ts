import { startTestServer, type TestServer, type TestServerOptions } from '@lifeline/testing/node'
import { afterEach } from 'vitest'

/** Work to undo after a test: servers to close, connections to destroy. */
export type Cleanup = Array<() => unknown>

/**
 * A list of cleanups run after each test of the calling file, last registered first. `before` runs
 * ahead of them (React tests unmount there, so no component outlives its server).
 */
export function registerCleanup(before?: () => unknown): Cleanup {
  const cleanup: Cleanup = []
  afterEach(async () => {
    await before?.()
    for (const fn of cleanup.splice(0).reverse()) await fn()
  })
  return cleanup
}

/** A real ws server on 127.0.0.1:0, closed after the test. */
export async function testServer(
  cleanup: Cleanup,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const s = await startTestServer(options)
  cleanup.push(() => s.close())
  return s
}
