// `pnpm dev`: the demo's page (Vite) and its server on one command, as two lives. The server runs
// as a child process that the page's "Demo server" bar kills, freezes and restarts; Vite stays up
// whatever happens to it, so the page shows the reconnect the demo exists for. Ctrl-C stops both.
//
//   PORT=8787      the server's port; a taken one moves the server to a free port (printed)
//   APP_PORT=5173  the page's port; a taken one moves the page to the next free port (printed)
//   --metrics      the server's status line in this console every 5 s (else on /metrics only)
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'
import { DEFAULT_PORT } from '../src/config.js'
import { createDemoServer } from './demoServer.js'
import { demoServerControls } from './demoServerControls.js'
import { readPort } from './readPort.js'

const APP_DIR = fileURLToPath(new URL('..', import.meta.url))
const DEFAULT_APP_PORT = 5173
const METRICS_LOG_INTERVAL = '5000'

async function main(): Promise<void> {
  const serverPort = readPort(process.env, 'PORT', DEFAULT_PORT)
  const appPort = readPort(process.env, 'APP_PORT', DEFAULT_APP_PORT)
  const metrics = process.argv.includes('--metrics')
  const logInterval = process.env['LOG_INTERVAL'] ?? (metrics ? METRICS_LOG_INTERVAL : '0')

  const server = createDemoServer({
    port: serverPort,
    env: { LOG_INTERVAL: logInterval },
    log: (line) => console.log(`[server] ${line}`),
  })
  let closing = false
  let last = server.status().state
  server.onChange(() => {
    const { state, url, frozenUntil } = server.status()
    if (state === last || closing) return
    last = state
    if (state === 'stopped')
      console.log('[dev] server stopped; the page stays up: Restart it there')
    if (state === 'frozen') {
      const until =
        frozenUntil === null ? '' : ` for ${Math.round((frozenUntil - Date.now()) / 1000)} s`
      console.log(`[dev] server frozen (SIGSTOP)${until}`)
    }
    if (state === 'running') console.log(`[dev] server running at ${url}`)
  })
  await server.start()

  const vite = await createServer({
    root: APP_DIR,
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    clearScreen: false,
    server: { port: appPort, strictPort: false },
    plugins: [demoServerControls(server)],
  })
  await vite.listen()
  const pagePort = (vite.httpServer?.address() as AddressInfo | null)?.port ?? appPort
  const page = `http://127.0.0.1:${pagePort}/`
  const moved = (asked: number, got: number) =>
    asked !== 0 && asked !== got ? `  (${asked} was taken)` : ''
  const ws = server.status().url ?? ''
  console.log(
    [
      '',
      `  Lifeline demo: open ${page}${moved(appPort, pagePort)}`,
      `  demo server:   ${ws}${moved(serverPort, server.port)}`,
      `  metrics:       ${ws.replace(/^ws:/, 'http:')}/metrics${metrics ? ', and here every 5 s' : ' (pnpm dev --metrics logs them here)'}`,
      '  The page\'s "Demo server" bar kills, freezes and restarts the server. Ctrl-C stops both.',
      '',
    ].join('\n'),
  )

  const shutdown = (): void => {
    if (closing) return
    closing = true
    void Promise.allSettled([server.close(), vite.close()]).then(() => process.exit(0))
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
