import { describe, expect, it } from 'vitest'
import { checkPackedPackage, exportTargets, joinPath, type PackedPackage } from './packageChecks.js'

const expected = { license: 'MIT License\n', repository: 'git+https://example.test/lifeline.git' }

const manifest = {
  name: '@lifeline/core',
  description: 'd',
  license: 'MIT',
  homepage: 'https://example.test',
  bugs: 'https://example.test/issues',
  repository: { type: 'git', url: expected.repository, directory: 'packages/core' },
  exports: {
    '.': {
      '@lifeline/source': './src/index.ts',
      types: './dist/index.d.ts',
      default: './dist/index.js',
    },
    './package.json': './package.json',
  },
  dependencies: { zustand: '^5.1.0' },
}

/** A packed package made of `files` (path → text). */
const pack = (files: Record<string, string>): PackedPackage => ({
  directory: 'packages/core',
  files: new Set(Object.keys(files)),
  read: (path) => {
    const text = files[path]
    if (text === undefined) throw new Error(`no ${path}`)
    return text
  },
})

const good = {
  'package.json': JSON.stringify(manifest),
  LICENSE: expected.license,
  'README.md': '# core',
  'dist/index.js': '',
  'dist/index.d.ts': '',
  'dist/index.js.map': JSON.stringify({ sources: ['../src/index.ts'] }),
  'src/index.ts': '',
}

describe('checkPackedPackage', () => {
  it('passes a package that ships everything it points at', () => {
    expect(checkPackedPackage(pack(good), expected)).toEqual([])
  })

  it('finds a source map and a source condition that point at files not shipped', () => {
    const { 'src/index.ts': _, ...withoutSource } = good
    expect(checkPackedPackage(pack(withoutSource), expected)).toEqual([
      '@lifeline/core: exports names ./src/index.ts, not shipped',
      '@lifeline/core: dist/index.js.map points at src/index.ts, not shipped',
    ])
  })

  it('finds a missing LICENSE, missing metadata and a workspace range', () => {
    const bare = {
      name: '@lifeline/react',
      exports: './dist/index.js',
      dependencies: { '@lifeline/core': 'workspace:^' },
    }
    const { LICENSE: _, ...rest } = good
    expect(
      checkPackedPackage(pack({ ...rest, 'package.json': JSON.stringify(bare) }), expected),
    ).toEqual([
      '@lifeline/react: no LICENSE in the tarball',
      `@lifeline/react: repository.url is not ${expected.repository}`,
      '@lifeline/react: repository.directory is not packages/core',
      '@lifeline/react: no homepage in package.json',
      '@lifeline/react: no bugs in package.json',
      '@lifeline/react: no license in package.json',
      '@lifeline/react: no description in package.json',
      '@lifeline/react: dependencies.@lifeline/core is still workspace:^',
    ])
  })

  it('finds a LICENSE that differs and tests shipped as code', () => {
    const files = { ...good, LICENSE: 'ISC', 'src/queue.test.ts': '' }
    expect(checkPackedPackage(pack(files), expected)).toEqual([
      "@lifeline/core: LICENSE differs from the repository's",
      '@lifeline/core: ships src/queue.test.ts',
    ])
  })
})

describe('exportTargets and joinPath', () => {
  it('lists every target of a nested exports map', () => {
    expect(exportTargets(manifest.exports)).toEqual([
      './src/index.ts',
      './dist/index.d.ts',
      './dist/index.js',
      './package.json',
    ])
  })

  it('resolves a map source from the map', () => {
    expect(joinPath('dist/session/index.js.map', '../../src/session/index.ts')).toBe(
      'src/session/index.ts',
    )
    expect(joinPath('dist/a.js.map', './a.ts')).toBe('dist/a.ts')
  })
})
