import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** A package of `packages/*` that is published. */
export interface Publishable {
  readonly name: string
  /** Where it lives in the repository: `packages/core`. */
  readonly directory: string
}

/** The packages of `packages/*` that are not private: the ones a user installs. */
export function publishable(root: string): Publishable[] {
  return readdirSync(join(root, 'packages'))
    .map((name) => ({
      directory: `packages/${name}`,
      manifest: JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ directory, manifest }) => ({ directory, name: String(manifest.name) }))
}

/**
 * Builds the publishable packages afresh (in dependency order) and packs each with `pnpm pack`,
 * which turns `workspace:` ranges into real ones, as publishing does. `dist` is emptied first:
 * `tsc` never deletes the output of a source file that is gone, and a tarball would ship it.
 *
 * @returns Each package's name with the absolute path of its tarball in `destination`.
 */
export function buildAndPack(root: string, destination: string): Map<Publishable, string> {
  const packages = publishable(root)
  const filters = packages.flatMap((p) => ['--filter', p.name])
  for (const p of packages)
    rmSync(join(root, p.directory, 'dist'), { recursive: true, force: true })
  execFileSync('pnpm', ['-r', ...filters, 'run', 'build'], { cwd: root, stdio: 'ignore' })
  const tarballs = new Map<Publishable, string>()
  for (const p of packages) {
    const before = new Set(safeList(destination))
    execFileSync('pnpm', ['pack', '--pack-destination', destination], {
      cwd: join(root, p.directory),
      stdio: 'ignore',
    })
    const stem = `${p.name.replace(/^@/, '').replace('/', '-')}-`
    const made = safeList(destination).find((f) => f.startsWith(stem) && f.endsWith('.tgz'))
    if (made === undefined) throw new Error(`pnpm pack wrote no tarball for ${p.name}`)
    if (before.has(made)) console.log(`  (${made} replaced)`)
    tarballs.set(p, join(destination, made))
  }
  return tarballs
}

/** The tarball's size, for the log: `41.7 kB`. */
export const sizeOf = (path: string): string => `${(statSync(path).size / 1024).toFixed(1)} kB`

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}
