/** A package as its tarball holds it: the files in it, and a way to read one. */
export interface PackedPackage {
  /** `packages/core`: where it lives in this repository. */
  readonly directory: string
  /** Every file of the tarball, relative to its root (`dist/index.js`). */
  readonly files: ReadonlySet<string>
  /** Reads a file of the tarball as text. */
  read(path: string): string
}

/** What every published package must carry, the same for all. */
export interface Expected {
  /** The repository's LICENSE text. */
  readonly license: string
  /** The `repository.url` of the root package.json. */
  readonly repository: string
}

type Json = Record<string, unknown>

/**
 * What is wrong with a packed package, as a user would find out: a missing LICENSE or README,
 * metadata that does not say where it comes from, an export or a source map that points at a
 * file not shipped, a `workspace:` range npm cannot install, tests shipped as code.
 *
 * @returns One line per problem; empty when the package is as it should be.
 */
export function checkPackedPackage(pack: PackedPackage, expected: Expected): string[] {
  const problems: string[] = []
  const manifest = JSON.parse(pack.read('package.json')) as Json
  const name = String(manifest['name'])
  const problem = (text: string) => problems.push(`${name}: ${text}`)

  if (!pack.files.has('LICENSE')) problem('no LICENSE in the tarball')
  else if (pack.read('LICENSE') !== expected.license)
    problem("LICENSE differs from the repository's")
  if (!pack.files.has('README.md')) problem('no README.md in the tarball')

  const repository = manifest['repository'] as Json | undefined
  if (repository?.['url'] !== expected.repository)
    problem(`repository.url is not ${expected.repository}`)
  if (repository?.['directory'] !== pack.directory)
    problem(`repository.directory is not ${pack.directory}`)
  for (const field of ['homepage', 'bugs', 'license', 'description']) {
    if (manifest[field] === undefined) problem(`no ${field} in package.json`)
  }
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries((manifest[field] as Json | undefined) ?? {})) {
      if (String(range).startsWith('workspace:')) problem(`${field}.${dep} is still ${range}`)
    }
  }

  for (const target of exportTargets(manifest['exports'])) {
    if (!pack.files.has(target.replace(/^\.\//, '')))
      problem(`exports names ${target}, not shipped`)
  }
  for (const file of pack.files) {
    if (/\.(test|test-d|stories)\.tsx?$/.test(file)) problem(`ships ${file}`)
    if (!file.endsWith('.map')) continue
    const map = JSON.parse(pack.read(file)) as { sources?: unknown }
    const sources = Array.isArray(map.sources) ? map.sources.map(String) : []
    for (const source of sources) {
      const resolved = joinPath(file, source)
      if (!pack.files.has(resolved)) problem(`${file} points at ${resolved}, not shipped`)
    }
  }
  return problems
}

/** Every file path an `exports` map names, through all its conditions. */
export function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports]
  if (typeof exports !== 'object' || exports === null) return []
  return Object.values(exports).flatMap(exportTargets)
}

/** `source` (relative to the file `from`) as a path from the package root. */
export function joinPath(from: string, source: string): string {
  const parts = from.split('/').slice(0, -1)
  for (const part of source.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.' && part !== '') parts.push(part)
  }
  return parts.join('/')
}
