// A process that holds one contender for core-level throughput runs. It waits for
// `{ type: 'run', url, frames, warmUp }` over IPC, answers `{ type: 'result', sample }`, and exits
// on `{ type: 'exit' }`. One such process per contender keeps each library's JIT feedback on the
// shared `ws` code to itself, while the scenario still interleaves the runs in time.
// Usage: node --import tsx coreThroughputChild.ts <contender name> <forced options as JSON>
import { variant } from '../types.js'
import { type ThroughputSample, viaCore } from './coreThroughput.js'
import { installWebSocket } from './sockets.js'

interface Run {
  readonly type: 'run'
  readonly url: string
  readonly frames: number
  readonly warmUp: number
}

const [name, forced] = process.argv.slice(2)
installWebSocket()
const { loadContenders } = await import('../contenders/index.js')
const base = (await loadContenders()).find((contender) => contender.name === name)
if (!base) throw new Error(`no contender named ${name}`)
const contender = variant(base, '', JSON.parse(forced ?? '{}'))
const at = (url: string, frames: number): string => `${url}?burst=${frames}`

const reply = (message: { type: 'ready' } | { type: 'result'; sample: ThroughputSample }) =>
  new Promise<void>((resolve) => {
    process.send?.(message, undefined, {}, () => resolve())
  })

process.on('message', async (message: Run | { type: 'exit' }) => {
  // A contender's leftover timers must not keep the process alive.
  if (message.type === 'exit') process.exit()
  if (message.type !== 'run') return
  await viaCore(contender, at(message.url, message.warmUp), message.warmUp)
  const sample = await viaCore(contender, at(message.url, message.frames), message.frames)
  await reply({ type: 'result', sample })
})
await reply({ type: 'ready' })
