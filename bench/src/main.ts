// `pnpm bench`: builds the packages, runs every scenario in its own child process, prints one
// table per scenario and the Targets table, and writes RESULTS.md.
import { spawn, spawnSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { machineLine, toolVersions } from './report.js'
import type { ScenarioResult, TargetRow } from './scenario.js'
import { markdownTable, renderTable } from './stats.js'

interface Spec {
  readonly id: string
  /** jsdom globals in the child (React DOM). */
  readonly dom: boolean
  /** React's production build (`NODE_ENV=production`), else its development build. */
  readonly production: boolean
  readonly gc: boolean
}

const spec = (id: string, dom: boolean, production = false, gc = false): Spec => ({
  id,
  dom,
  production,
  gc,
})
// In scenario order, for the report.
const SCENARIOS = [
  spec('bundle', false),
  spec('renders', true),
  spec('throughput', true, true),
  spec('halfOpen', true),
  spec('reconnect', true),
  spec('strictMode', true),
  spec('growth', true, true),
  spec('idle', false, false, true),
  spec('hiddenTab', false),
  spec('sessions', false),
] as const

/**
 * Lanes run side by side, scenarios inside a lane one after another. Half-open and reconnect wait
 * on timers for seconds and use next to no CPU, so they run beside the scenarios that count
 * (sizes, renders, sockets, timers) and beside idle, which measures an idle process of its own.
 * Throughput and growth keep both cores busy (client and server), so they run after, alone. The
 * browser scenario waits minutes on a throttled tab but starts two Chromiums and stalls a page on
 * purpose (a core for seconds), so it runs last, alone too.
 */
const LANES: readonly (readonly string[])[][] = [
  [['halfOpen'], ['reconnect'], ['bundle', 'renders', 'strictMode', 'idle']],
  [['throughput', 'growth']],
  [['hiddenTab']],
  // 100 clients at 20 messages/s each way, two servers, then CPU per message: alone as well.
  [['sessions']],
]

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const BENCH = fileURLToPath(new URL('../', import.meta.url))
const started = performance.now()
const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`
const log = (text: string): void => {
  process.stdout.write(`[${elapsed()}] ${text}\n`)
}

function runScenario(scenario: Spec): Promise<ScenarioResult> {
  const args = [
    ...process.execArgv,
    ...(scenario.gc ? ['--expose-gc'] : []),
    fileURLToPath(new URL('./child.ts', import.meta.url)),
    scenario.id,
    ...(scenario.dom ? ['dom'] : []),
  ]
  const child = spawn(process.execPath, args, {
    cwd: BENCH,
    env: { ...process.env, NODE_ENV: scenario.production ? 'production' : 'development' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  // Libraries warn on the console (heartbeat timeouts, …): shown only if the scenario fails.
  let output = ''
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-8_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return new Promise((resolve, reject) => {
    let result: ScenarioResult | null = null
    child.on(
      'message',
      (message: { type: string; text?: string; result?: ScenarioResult; message?: string }) => {
        if (message.type === 'progress') log(`${scenario.id}: ${message.text}`)
        else if (message.type === 'result' && message.result) result = message.result
        else if (message.type === 'error') keep(Buffer.from(`${message.message}\n`))
      },
    )
    child.on('exit', (code) => {
      if (result) resolve(result)
      else reject(new Error(`scenario ${scenario.id} failed (exit ${code}):\n${output}`))
    })
  })
}

async function main(): Promise<void> {
  log('building packages/* (pnpm -r --filter ./packages/* run build)')
  const built = spawnSync('pnpm', ['-r', '--filter', './packages/*', 'run', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  if (built.status !== 0) throw new Error('the build failed')
  const machine = machineLine()
  log(machine)

  // BENCH_ONLY=renders,bundle runs a subset (while working on a scenario); RESULTS.md then has only those.
  const only = process.env['BENCH_ONLY']?.split(',')
  const results = new Map<string, ScenarioResult>()
  for (const phase of LANES) {
    await Promise.all(
      phase.map(async (lane) => {
        for (const id of lane.filter((name) => !only || only.includes(name))) {
          const scenario = SCENARIOS.find((candidate) => candidate.id === id)
          if (!scenario) throw new Error(`unknown scenario ${id}`)
          log(`${id}: start`)
          const result = await runScenario(scenario)
          results.set(id, result)
          log(`${id}: done\n\n${result.tables.map(renderTable).join('\n\n')}\n`)
        }
      }),
    )
  }

  const ordered = SCENARIOS.map(({ id }) => results.get(id)).filter((r) => r !== undefined)
  const targets: TargetRow[] = ordered.flatMap((result) => result.targets)
  const verdict = (met: boolean | null): string =>
    met === null ? 'not measured' : met ? 'met' : 'MISSED'
  const targetTable = markdownTable(
    ['target', 'measured', 'goal', 'result'],
    targets.map((row) => [row.target, row.measured, row.goal, verdict(row.met)]),
  )
  const total = elapsed()
  const report = [
    '# Lifeline benchmark results',
    '',
    `Generated by \`pnpm bench\` (bench/src/main.ts) in ${total}.`,
    '',
    `Machine: ${machine}`,
    '',
    `Versions: ${await toolVersions(BENCH)}`,
    '',
    ordered.flatMap((result) => result.tables.map(renderTable)).join('\n\n'),
    '',
    '## Targets',
    '',
    targetTable,
    '',
  ].join('\n')
  await writeFile(new URL('../RESULTS.md', import.meta.url), report)
  log(`Targets\n\n${targetTable}\n`)
  log(`total ${total}; wrote bench/RESULTS.md`)
}

await main()
