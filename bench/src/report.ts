import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { loadContenders } from './contenders/index.js'

/** Node version, cores, load average and date: the machine line of RESULTS.md. */
export function machineLine(): string {
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU'
  return `Node ${process.version}, ${availableParallelism()} cores (${model}), load average ${load} (1/5/15 min), ${new Date().toISOString()}`
}

async function versionOf(benchDir: string, name: string): Promise<string> {
  try {
    const manifest = JSON.parse(
      await readFile(join(benchDir, 'node_modules', name, 'package.json'), 'utf8'),
    )
    return String(manifest.version)
  } catch {
    return 'not installed'
  }
}

/** The commit the workspace packages were built from, `+ local changes` when packages/ differs. */
function gitRevision(): string {
  try {
    const git = (...args: string[]): string =>
      execFileSync('git', args, { encoding: 'utf8' }).trim()
    const dirty = git('status', '--porcelain', '--', '../packages') !== ''
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + local changes' : ''}`
  } catch {
    return 'unknown commit'
  }
}

/** Every contender's packages and the tools, `name version`, comma-separated. */
export async function toolVersions(benchDir: string): Promise<string> {
  const contenders = await loadContenders()
  const names = new Set(contenders.flatMap((contender) => contender.packages))
  for (const tool of ['@lifeline/server', 'react', 'react-dom', 'jsdom', 'ws', 'esbuild', 'tsx'])
    names.add(tool)
  const parts: string[] = []
  for (const name of names) {
    const version = await versionOf(benchDir, name)
    const workspace = name.startsWith('@lifeline/') ? ` (workspace @ ${gitRevision()})` : ''
    parts.push(`${name} ${version}${workspace}`)
  }
  return parts.join(', ')
}
