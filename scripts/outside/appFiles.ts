// The files of the app outside the repository: what a user starting from a fresh Vite React
// template would have, plus Lifeline from its tarballs and the READMEs' samples.

/**
 * What the app installs from the npm registry: the peers Lifeline needs and the tools of a fresh
 * Vite + React + TypeScript template (plus `@types/ws`, which the server package's types need).
 * Ranges, not pins: the check is meant to catch what a user installing today would meet, within
 * the majors that run on Node 20 (vitest 5 needs Node 22).
 */
export const REGISTRY = {
  dependencies: { react: '^19.0.0', 'react-dom': '^19.0.0', zustand: '^5.0.0', ws: '^8.0.0' },
  devDependencies: {
    typescript: '^7.0.0',
    vite: '^8.0.0',
    vitest: '^4.0.0',
    '@vitejs/plugin-react': '^6.0.0',
    '@types/ws': '^8.0.0',
    '@types/react': '^19.0.0',
    '@types/react-dom': '^19.0.0',
    '@types/node': '^20.19.0',
    // What the examples of @lifeline/testing's README use: its component test (msw, jsdom 27,
    // Testing Library) and its Playwright test (type-checked here; it runs in the repository).
    msw: '^2.12.0',
    jsdom: '^27.0.0',
    '@testing-library/react': '^16.0.0',
    '@testing-library/dom': '^10.0.0',
    '@playwright/test': '^1.65.0',
  },
} as const

/**
 * The compiler options of a fresh Vite React template's app (`strict`, `noUnusedLocals`,
 * `noUnusedParameters`, `erasableSyntaxOnly`…), stricter in one way: `skipLibCheck: false`, so
 * the packages' own `.d.ts` files are checked too (a type they name from a package the user
 * lacks, such as `ws` without `@types/ws`, fails here instead of turning into `any`).
 */
export const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    useDefineForClassFields: true,
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    module: 'ESNext',
    types: ['vite/client', 'node'],
    moduleResolution: 'bundler',
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    moduleDetection: 'force',
    noEmit: true,
    jsx: 'react-jsx',
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    erasableSyntaxOnly: true,
    noFallthroughCasesInSwitch: true,
    noUncheckedSideEffectImports: true,
    skipLibCheck: false,
  },
  include: ['src', 'test'],
}

/** The app's `package.json`: Lifeline from `tarballs` (name → absolute path), the rest from the registry. */
export function appPackageJson(tarballs: Readonly<Record<string, string>>): string {
  const local = Object.fromEntries(
    Object.entries(tarballs).map(([name, path]) => [name, `file:${path}`]),
  )
  const manifest = {
    name: 'lifeline-outside-app',
    private: true,
    type: 'module',
    scripts: { typecheck: 'tsc -p tsconfig.json', build: 'vite build', test: 'vitest run' },
    dependencies: { ...local, ...REGISTRY.dependencies },
    devDependencies: REGISTRY.devDependencies,
  }
  return `${JSON.stringify(manifest, null, 2)}\n`
}

/** The app's own files, besides `package.json`, `tsconfig.json` and the README samples. */
export const APP_FILES: Readonly<Record<string, string>> = {
  'index.html': `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>Lifeline outside</title></head>
  <body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body>
</html>
`,
  'vite.config.ts': `import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({ plugins: [react()] })
`,
  // A React page on the hook: what the build bundles.
  'src/main.tsx': `import { useWebSocket } from '@lifeline/react'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

function Status() {
  const { status, attempt, latency } = useWebSocket('ws://127.0.0.1:8080/live', { heartbeat: true })
  return (
    <p>
      {status} · attempt {attempt} · {latency === null ? 'no pong yet' : \`\${latency} ms\`}
    </p>
  )
}

const root = document.getElementById('root')
if (root) createRoot(root).render(<StrictMode><Status /></StrictMode>)
`,
  // Core and server, from their tarballs, against each other over a real socket in Node.
  'test/lifeline.test.ts': `import type { AddressInfo } from 'node:net'
import { createLifeline } from '@lifeline/core'
import { attachHeartbeat } from '@lifeline/server'
import { expect, test, vi } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'

test('a client and a server from the tarballs talk, and the heartbeat measures the link', async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise((resolve) => wss.once('listening', resolve))
  const heartbeat = attachHeartbeat(wss, { interval: 1_000 })
  wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      if (!heartbeat.isHeartbeat(data, isBinary)) socket.send(data, { binary: isBinary })
    })
  })
  const { port } = wss.address() as AddressInfo

  const line = createLifeline<{ echo: string }, { echo: string }>(\`ws://127.0.0.1:\${port}\`, {
    WebSocket,
    heartbeat: { interval: 100, timeout: 1_000 },
  })
  const echoed = new Promise((resolve) => line.onMessage((_, json) => resolve(json)))
  expect(line.sendJson({ echo: 'hi' })).toBe('queued')
  expect(await echoed).toEqual({ echo: 'hi' })
  await vi.waitFor(() => expect(line.store.getState().latency).not.toBeNull())
  expect(line.store.getState().status).toBe('open')
  expect(heartbeat.stats()).toMatchObject({ active: 1, total: 1 })

  line.destroy()
  heartbeat.stop()
  await new Promise((resolve) => wss.close(resolve))
})
`,
}

/** Plain Node (no bundler) imports each package by name: the \`exports\` map as Node reads it. */
export const NODE_IMPORT_CHECK = `
const core = await import('@lifeline/core')
const react = await import('@lifeline/react')
const server = await import('@lifeline/server')
const testing = await import('@lifeline/testing')
const testingNode = await import('@lifeline/testing/node')
const testingMsw = await import('@lifeline/testing/msw')
const kinds = [
  typeof core.createLifeline,
  typeof react.useWebSocket,
  typeof server.attachHeartbeat,
  typeof testing.createManualClock,
  typeof testingNode.startTestServer,
  typeof testingMsw.createWebSocketMock,
]
if (kinds.some((kind) => kind !== 'function')) throw new Error('missing exports: ' + kinds)
console.log('node resolves @lifeline/core, /react, /server, /testing, /testing/node and /testing/msw')
`
