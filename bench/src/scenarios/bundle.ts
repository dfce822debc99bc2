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
/** Gzip budgets of the production build: the hook with core and zustand, and core with zustand. */
const HOOK_TARGET = 4_500
const CORE_TARGET = 3_600

interface Sizes {
  readonly min: number
  readonly gzip: number
  readonly brotli: number
}

/** Min, gzip and brotli bytes of `entry` bundled as users ship it (see table 1's note). */
export async function measure(entry: Pick<BundleEntry, 'code'>): Promise<Sizes> {
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
  // The subject's first two bundles: the hook, then core.
  const lifelineGzip: (number | null)[] = [null, null]
  let varied = false
  for (const contender of contenders) {
    const builds = samples.get(contender) ?? []
    contender.bundles.forEach((entry, index) => {
      const of = (field: keyof Sizes): number => {
        const summary = summarize(builds.map((sizes) => (sizes[index] as Sizes)[field]))
        if (summary && summary.min !== summary.max) varied = true
        return summary?.median ?? Number.NaN
      }
      if (contender.role === 'subject' && index < 2) lifelineGzip[index] = of('gzip')
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
        lifelineGzip[0] ?? null,
        { text: `≤ ${formatNumber(HOOK_TARGET)} B`, ok: (v) => v <= HOOK_TARGET },
        (v) => `${formatNumber(v)} B`,
      ),
      target(
        '`@lifeline/core` + zustand, gzip',
        lifelineGzip[1] ?? null,
        { text: `≤ ${formatNumber(CORE_TARGET)} B`, ok: (v) => v <= CORE_TARGET },
        (v) => `${formatNumber(v)} B`,
      ),
    ],
  }
}
