// 1. Bundle: esbuild bundle + minify of the smallest import that gives heartbeat + reconnect
// (react and react-dom external); min, gzip and brotli bytes. Workspace packages from `dist`.
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { interleave } from '../measure.js'
import { type ScenarioContext, type ScenarioResult, target } from '../scenario.js'
import { formatNumber, summarize, type Table } from '../stats.js'
import type { BundleEntry } from '../types.js'

const CONTENDERS_DIR = fileURLToPath(new URL('../contenders/', import.meta.url))
const GZIP_TARGET = 3_000

interface Sizes {
  readonly min: number
  readonly gzip: number
  readonly brotli: number
}

async function measure(entry: BundleEntry): Promise<Sizes> {
  const result = await build({
    stdin: {
      contents: entry.code,
      resolveDir: CONTENDERS_DIR,
      loader: 'ts',
      sourcefile: 'entry.ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    external: ['react', 'react-dom', 'react/jsx-runtime'],
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const code = result.outputFiles[0]?.contents ?? new Uint8Array()
  return {
    min: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    brotli: brotliCompressSync(code, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }).byteLength,
  }
}

export async function run({ contenders, progress }: ScenarioContext): Promise<ScenarioResult> {
  const samples = await interleave(contenders, async (contender, round) => {
    if (contender.role === 'subject') progress(`round ${round}`)
    return Promise.all(contender.bundles.map(measure))
  })
  const rows: (string | number)[][] = []
  let lifelineGzip: number | null = null
  let varied = false
  for (const contender of contenders) {
    const builds = samples.get(contender) ?? []
    contender.bundles.forEach((entry, index) => {
      const of = (field: keyof Sizes): number => {
        const summary = summarize(builds.map((sizes) => (sizes[index] as Sizes)[field]))
        if (summary && summary.min !== summary.max) varied = true
        return summary?.median ?? Number.NaN
      }
      if (contender.role === 'subject' && index === 0) lifelineGzip = of('gzip')
      rows.push([
        contender.name,
        `\`${entry.code}\``,
        entry.gives,
        of('min'),
        of('gzip'),
        of('brotli'),
      ])
    })
  }
  const table: Table = {
    title: '1. Bundle size (bytes)',
    notes: [
      'esbuild 0.28, minified ESM, react/react-dom external, NODE_ENV=production; gzip level 9, brotli quality 11 (node:zlib). Lifeline from the packages’ dist (built first).',
      varied
        ? 'Sizes varied between rounds: medians of 5 rounds after a warm-up.'
        : 'Built in each of 5 rounds after a warm-up; every build gave the same bytes, so one number each.',
    ],
    columns: ['contender', 'import', 'gives', 'min', 'gzip', 'brotli'],
    rows,
  }
  return {
    tables: [table],
    targets: [
      target(
        '`@lifeline/react` + core + zustand, gzip',
        lifelineGzip,
        { text: `≤ ${formatNumber(GZIP_TARGET)} B`, ok: (v) => v <= GZIP_TARGET },
        (v) => `${formatNumber(v)} B`,
      ),
    ],
  }
}
