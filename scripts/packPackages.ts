// `pnpm pack-packages [folder]`: builds the publishable packages and writes their tarballs,
// the way to use them before they are on the npm registry (see the README).
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildAndPack, sizeOf } from './outside/pack.js'

const root = fileURLToPath(new URL('..', import.meta.url))
// `pnpm <script>` runs in the repository root; a folder given is taken from where it was typed.
const destination = resolve(process.env['INIT_CWD'] ?? root, process.argv[2] ?? 'packed')

try {
  const tarballs = buildAndPack(root, destination)
  for (const [p, path] of tarballs) console.log(`${p.name}  ${path}  (${sizeOf(path)})`)
  console.log(`\nIn your app: npm install ${[...tarballs.values()].join(' ')}`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
