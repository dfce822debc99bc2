// `pnpm dev`: the demo's server and app together, on one command. Ctrl-C stops both.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const appDir = fileURLToPath(new URL('..', import.meta.url))

const port = process.env.PORT ?? '8787'
const children = []
const start = (name, command, args, env = {}) => {
  const child = spawn(command, args, {
    cwd: appDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  child.stdout.on('data', (chunk) => {
    for (const line of chunk.toString().split('\n'))
      if (line.trim()) console.log(`[${name}] ${line}`)
  })
  child.once('exit', (code) => {
    console.log(`[${name}] exited (${code ?? 'signal'})`)
    stop(code ?? 1)
  })
  children.push(child)
  return child
}
let stopping = false
function stop(code = 0) {
  if (stopping) return
  stopping = true
  for (const child of children) child.kill('SIGTERM')
  process.exitCode = code
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

start(
  'server',
  process.execPath,
  ['--conditions=@lifeline/source', '--import', 'tsx', 'server/main.ts'],
  { PORT: port },
)
start('app', 'node_modules/.bin/vite', ['--strictPort', '--clearScreen', 'false'])
console.log(
  `\n  Lifeline demo: open http://127.0.0.1:5173/  (server ws://127.0.0.1:${port}, metrics http://127.0.0.1:${port}/metrics)\n`,
)
