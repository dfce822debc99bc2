// Runs the browser tests: makes sure Debian's Chromium is there (installing it when this is a
// Debian machine and we are root), builds the demo app, then runs Playwright.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

// Tools are run from node_modules/.bin, so this works whether pnpm is on PATH or ran through npx.
const root = fileURLToPath(new URL('..', import.meta.url))
const bin = (dir, name) => `${root}${dir}/node_modules/.bin/${name}`

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const run = (cmd, args, cwd = root) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (!existsSync(chromium)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `Chromium not found at ${chromium}. Install it (Debian: apt-get install -y chromium)`,
    )
    console.error('or point CHROMIUM_PATH at a Chromium or Chrome binary.')
    process.exit(1)
  }
  console.log('installing Chromium from Debian packages…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env })
}

/** A port free now, for the demo's preview: a fixed one may be held by another preview here. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })

run(bin('apps/chat', 'vite'), ['build', '--logLevel', 'warn'], `${root}apps/chat`)
process.env.LIFELINE_E2E_PORT ??= String(await freePort())
// The tests import workspace packages (the testing kit's servers) from their sources, as vitest
// does: no build of the packages needed before the browser tests.
const conditions = '--conditions=@lifeline/source'
if (!(process.env.NODE_OPTIONS ?? '').includes(conditions)) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} ${conditions}`.trim()
}
run(bin('.', 'playwright'), ['test', ...process.argv.slice(2)])
