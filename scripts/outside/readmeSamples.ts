/** A TypeScript code block of a README, to be compiled where a user would paste it. */
export interface Sample {
  /** `ts` or `tsx`: the file it becomes. */
  readonly lang: 'ts' | 'tsx'
  readonly code: string
  /** The README's path and the line of the opening fence, for error messages: `README.md:42`. */
  readonly where: string
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)[^\n]*$/

/**
 * Every ```` ```ts ```` and ```` ```tsx ```` block of a Markdown text (also `typescript`), in order.
 * Other blocks (`sh`, `json`…) are left out; a block inside a longer fence is not a block.
 */
export function extractSamples(markdown: string, path: string): Sample[] {
  const samples: Sample[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '')
    if (!open) continue
    const [, indent = '', fence = '', info = ''] = open
    const start = i
    const body: string[] = []
    for (i++; i < lines.length; i++) {
      const line = lines[i] ?? ''
      const close = FENCE.exec(line)
      if (
        close &&
        close[2]?.[0] === fence[0] &&
        (close[2]?.length ?? 0) >= fence.length &&
        !close[3]
      )
        break
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line)
    }
    const lang = info === 'typescript' ? 'ts' : info
    if (lang === 'ts' || lang === 'tsx') {
      samples.push({ lang, code: `${body.join('\n')}\n`, where: `${path}:${start + 1}` })
    }
  }
  return samples
}

/** A file name for the `n`th sample (from 1) of the README at `path`: `packages-core-README-2.ts`. */
export function sampleFileName(path: string, n: number, lang: Sample['lang']): string {
  const stem = path.replace(/\.mdx?$/i, '').replace(/[^\w]+/g, '-')
  return `${stem}-${n}.${lang}`
}

/** A code block whose fence names the file it quotes: ```` ```tsx packages/x/examples/a.test.tsx ````. */
export interface QuotedExample {
  /** The file's name, without its folder: `a.test.tsx`. */
  readonly name: string
  readonly code: string
}

/** The blocks of `markdown` that quote a file under `folder`, in order. */
export function readmeExamples(markdown: string, folder: string): QuotedExample[] {
  const blocks = markdown.matchAll(/^```(?:ts|tsx) (\S+)\n([\s\S]*?)^```$/gm)
  return [...blocks]
    .filter(([, path = '']) => path.startsWith(folder))
    .map(([, path = '', code = '']) => ({ name: path.slice(folder.length), code }))
}
