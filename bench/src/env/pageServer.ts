import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/** The HTTP server of the browser scenario's page (`browserPage.ts`), on 127.0.0.1. */
export interface PageServer {
  /** The page's address, connecting to `socketUrl`. */
  pageUrl(socketUrl: string): string
  close(): Promise<void>
}

/**
 * Bundles `browserPage.ts` with `@lifeline/core` from the workspace's `dist` (what users install;
 * `pnpm bench` builds it first) and serves it on 127.0.0.1, port 0.
 */
export async function startPageServer(): Promise<PageServer> {
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL('./browserPage.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const script = bundled.outputFiles[0]?.text ?? ''
  const html =
    '<!doctype html><title>Lifeline bench</title><script type="module" src="/page.js"></script>'
  const server = createServer((request, response) => {
    const isScript = request.url?.startsWith('/page.js') === true
    response.writeHead(isScript || request.url?.startsWith('/?') ? 200 : 404, {
      'content-type': isScript ? 'text/javascript' : 'text/html',
      'cache-control': 'no-store',
    })
    response.end(isScript ? script : html)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    pageUrl: (socketUrl) => `http://127.0.0.1:${port}/?ws=${encodeURIComponent(socketUrl)}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
