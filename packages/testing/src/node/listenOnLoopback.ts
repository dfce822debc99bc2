import type { AddressInfo, Server } from 'node:net'

/** The only host the helpers of this package listen on or connect to. */
export const LOOPBACK = '127.0.0.1'
const RETRY_INTERVAL_MS = 25

/**
 * Listens on 127.0.0.1:`port` (0: the OS picks), retrying for up to `retryMs` (default 0) while a
 * fixed port is still in use, say by the listener a restart replaces.
 *
 * @returns The port listened on. Later server errors are swallowed: connections report their own.
 */
export async function listenOnLoopback(server: Server, port = 0, retryMs = 0): Promise<number> {
  const deadline = Date.now() + retryMs
  for (;;) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, LOOPBACK, () => {
          server.off('error', reject)
          resolve()
        })
      })
      server.on('error', () => {})
      return (server.address() as AddressInfo).port
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (port === 0 || code !== 'EADDRINUSE' || Date.now() >= deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, RETRY_INTERVAL_MS))
    }
  }
}
