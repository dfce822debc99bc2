// The Vite plugin of `pnpm dev`: the page's Kill / Freeze / Restart buttons, and where the
// server really is. Development only (`apply: 'serve'`), loopback only (`refuseControlRequest`).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Plugin } from 'vite'
import {
  clampFreeze,
  DEV_SERVER_PATH,
  type DevServerStatus,
  SERVER_META,
} from '../src/devServer.js'
import { refuseControlRequest } from './controlRequest.js'
import type { DemoServer } from './demoServer.js'

/** A freeze's length from `?ms=`, within `FREEZE_LIMITS`; `null` when it is missing or not a number. */
export function readFreezeMs(search: string): number | null {
  const raw = new URLSearchParams(search).get('ms')
  const ms = raw === null || raw.trim() === '' ? Number.NaN : Number(raw)
  if (!Number.isFinite(ms)) return null
  return clampFreeze(ms)
}

/**
 * Serves `GET /__lifeline/server` (the status), `POST …/kill`, `POST …/freeze?ms=` and
 * `POST …/restart` for `server`, and names the server in every page it serves
 * (`<meta name="lifeline-server">`), so the page dials the port the server really got.
 */
export function demoServerControls(server: DemoServer): Plugin {
  return {
    name: 'lifeline:demo-server-controls',
    apply: 'serve',
    configureServer(vite) {
      vite.middlewares.use(DEV_SERVER_PATH, (request, response) => {
        void handle(server, request, response)
      })
    },
    transformIndexHtml() {
      const { url } = server.status()
      if (url === null) return []
      return [{ tag: 'meta', attrs: { name: SERVER_META, content: url }, injectTo: 'head' }]
    },
  }
}

async function handle(
  server: DemoServer,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const header = (name: string): string | undefined => {
    const value = request.headers[name]
    return Array.isArray(value) ? value[0] : value
  }
  const refusal = refuseControlRequest({
    method: request.method,
    remoteAddress: request.socket.remoteAddress,
    host: header('host'),
    origin: header('origin'),
    fetchSite: header('sec-fetch-site'),
  })
  if (refusal !== null) return reply(response, 403, { error: refusal })

  // Mounted at DEV_SERVER_PATH: `request.url` is what follows it.
  const { pathname, search } = new URL(request.url ?? '/', 'http://localhost')
  const route = `${request.method} ${pathname}`
  try {
    switch (route) {
      case 'GET /':
        return reply(response, 200, server.status())
      case 'POST /kill':
        return reply(response, 200, await server.kill())
      case 'POST /restart':
        return reply(response, 200, await server.restart())
      case 'POST /freeze': {
        const ms = readFreezeMs(search)
        if (ms === null) return reply(response, 400, { error: 'freeze needs ?ms=' })
        if (server.status().state !== 'running') {
          return reply(response, 409, { error: 'only a running server can be frozen' })
        }
        return reply(response, 200, server.freeze(ms))
      }
      default:
        return reply(response, 404, { error: `no such control: ${route}` })
    }
  } catch (error) {
    reply(response, 500, { error: error instanceof Error ? error.message : String(error) })
  }
}

function reply(
  response: ServerResponse,
  status: number,
  body: DevServerStatus | { error: string },
): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  })
  response.end(text)
}
