// `pnpm bench`: builds the packages, runs every scenario in its own child process, prints one
// table per scenario and the Targets table, and writes RESULTS.md (the client libraries) and
// SERVER-RESULTS.md (the servers under load and abuse).
import { spawn, spawnSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { machineLine, toolVersions } from './report.js'
import type { ScenarioResult, TargetRow } from './scenario.js'
import { markdownTable, renderTable } from './stats.js'

/** The client libraries side by side (RESULTS.md), or the servers under load (SERVER-RESULTS.md). */
type Suite = 'clients' | 'servers'

interface Spec {
  readonly id: string
  readonly suite: Suite
  /** jsdom globals in the child (React DOM). */
  readonly dom: boolean
  /** React's production build (`NODE_ENV=production`), else its development build. */
  readonly production: boolean
  readonly gc: boolean
}

const spec = (id: string, dom: boolean, production = false, gc = false): Spec => ({
  id,
  suite: 'clients',
  dom,
  production,
  gc,
})
const serverSpec = (id: string): Spec => ({
  id,
  suite: 'servers',
  dom: false,
  production: false,
  gc: false,
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
  serverSpec('sweep'),
  serverSpec('soak'),
] as const

/** Where each suite's report goes, and its heading. */
const REPORTS: Record<Suite, { readonly file: string; readonly title: string }> = {
  clients: { file: 'RESULTS.md', title: 'Lifeline benchmark results' },
  servers: { file: 'SERVER-RESULTS.md', title: 'Lifeline server benchmark results' },
}

/**
 * Lanes run side by side, scenarios inside a lane one after another. Half-open and reconnect wait
 * on timers for seconds and use next to no CPU, so they run beside the scenarios that count
 * (sizes, renders, sockets, timers) and beside idle, which measures an idle process of its own.
 * Throughput and growth keep both cores busy (client and server), so they run after, alone. The
 * browser scenario waits minutes on a throttled tab but starts two Chromiums and stalls a page on
 * purpose (a core for seconds), so it runs last, alone too.
 * The server scenarios (10,000 connections, a soak of abusive clients) load both cores too, and
 * measure stalls and latency, so they run one at a time, alone.
 */
const LANES: readonly (readonly string[])[][] = [
  [['halfOpen'], ['reconnect'], ['bundle', 'renders', 'strictMode', 'idle']],
  [['throughput', 'growth']],
  [['hiddenTab']],
  // 100 clients at 20 messages/s each way, two servers, then CPU per message: alone as well.
  [['sessions']],
  [['sweep', 'soak']],
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

  // BENCH_ONLY=renders,bundle runs a subset (while working on a scenario): a report then holds only
  // those of its suite, and the report of a suite none of them belongs to is left as it was.
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

  const total = elapsed()
  const versions = await toolVersions(BENCH)
  for (const suite of ['clients', 'servers'] as const) {
    const ordered = SCENARIOS.filter((scenario) => scenario.suite === suite)
      .map(({ id }) => results.get(id))
      .filter((r) => r !== undefined)
    // A suite none of whose scenarios ran keeps its last report.
    if (ordered.length === 0) continue
    const { file, title } = REPORTS[suite]
    const targetTable = formatTargets(ordered.flatMap((result) => result.targets))
    const report = [
      `# ${title}`,
      '',
      `Generated by \`pnpm bench\` (bench/src/main.ts) in ${total}.`,
      '',
      `Machine: ${machine}`,
      '',
      `Versions: ${versions}`,
      '',
      ordered.flatMap((result) => result.tables.map(renderTable)).join('\n\n'),
      '',
      '## Targets',
      '',
      targetTable,
      '',
    ].join('\n')
    await writeFile(new URL(`../${file}`, import.meta.url), report)
    log(`Targets (${suite})\n\n${targetTable}\n`)
    log(`wrote bench/${file}`)
  }
  log(`total ${total}`)
}

/** The Targets table: each target, what was measured, the goal, and `met` or `MISSED`. */
function formatTargets(targets: readonly TargetRow[]): string {
  const verdict = (met: boolean | null): string =>
    met === null ? 'not measured' : met ? 'met' : 'MISSED'
  return markdownTable(
    ['target', 'measured', 'goal', 'result'],
    targets.map((row) => [row.target, row.measured, row.goal, verdict(row.met)]),
  )
}

await main()
