import { readdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Contender } from '../types.js'

const NOT_CONTENDERS = new Set(['index', 'util'])
const ORDER: Record<Contender['role'], number> = {
  subject: 0,
  diagnostic: 1,
  anchor: 2,
  floor: 3,
}

/**
 * Every contender of this folder: each file other than this one and `util.ts` exports one
 * `contender`. Adding a library is adding a file. Lifeline first, the raw floor last.
 */
export async function loadContenders(): Promise<Contender[]> {
  const folder = fileURLToPath(new URL('.', import.meta.url))
  const files = (await readdir(folder)).filter((file) => /\.tsx?$/.test(file)).sort()
  const contenders: Contender[] = []
  for (const file of files) {
    if (NOT_CONTENDERS.has(file.replace(/\.tsx?$/, ''))) continue
    const module = (await import(new URL(file, import.meta.url).href)) as { contender?: Contender }
    if (!module.contender) throw new Error(`contenders/${file} exports no \`contender\``)
    contenders.push(module.contender)
  }
  return contenders.sort((a, b) => ORDER[a.role] - ORDER[b.role])
}
