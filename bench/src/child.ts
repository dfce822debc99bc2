// Runs one scenario in this (child) process and sends its result to main.ts over IPC.
// Usage: node --conditions=@lifeline/source --import tsx src/child.ts <scenario> [dom]
import { installDom } from './env/dom.js'
import { installWebSocket } from './env/sockets.js'
import type { RunScenario, ScenarioResult } from './scenario.js'

const [name, ...flags] = process.argv.slice(2)
const send = (message: unknown): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send) return resolve()
    process.send(message, undefined, {}, () => resolve())
  })

installWebSocket()
// Before React DOM or any hook library loads: they look for `window` at import time.
if (flags.includes('dom')) installDom()

try {
  const { loadContenders } = await import('./contenders/index.js')
  const scenario = (await import(`./scenarios/${name}.ts`)) as { run: RunScenario }
  const result: ScenarioResult = await scenario.run({
    contenders: await loadContenders(),
    progress: (text) => void send({ type: 'progress', text }),
  })
  await send({ type: 'result', result })
} catch (error) {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
  await send({ type: 'error', message })
  process.exitCode = 1
}
// Sockets or timers a contender leaked must not keep the scenario alive.
process.exit()
