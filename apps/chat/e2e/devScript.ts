import { type ChildProcess, spawn } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { fileURLToPath } from 'node:url'

const appDir = fileURLToPath(new URL('..', import.meta.url))

/** `pnpm dev` as a person runs it, with what it printed. */
export interface DevScript {
  /** `http://127.0.0.1:PORT/`: where the script said the page is. */
  readonly page: string
  /** `ws://127.0.0.1:PORT`: where the script said the server is. */
  readonly server: string
  /** Everything it printed so far. */
  output(): string
  /** Ctrl-C: resolves with its exit code once it has stopped. */
  stop(): Promise<number | null>
}

/** Starts `scripts/dev.ts` with `env` (PORT, APP_PORT…); resolves once it printed both addresses. */
export function startDevScript(env: Record<string, string>): Promise<DevScript> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts'], {
    cwd: appDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  process.once('exit', () => child.kill('SIGKILL'))
  let out = ''
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT')
    return exited
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`pnpm dev printed no addresses within 30 s:\n${out}`))
    }, 30_000)
    const read = (chunk: Buffer) => {
      out += chunk.toString()
      const page = /Lifeline demo: open (http:\/\/\S+)/.exec(out)?.[1]
      const server = /demo server: +(ws:\/\/\S+)/.exec(out)?.[1]
      if (page && server) {
        clearTimeout(timer)
        resolve({ page, server, output: () => out, stop })
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`pnpm dev exited (${code}) before printing its addresses:\n${out}`))
    })
  })
}

/** Holds a free loopback port, as another program would, until `release()`. */
export async function holdPort(): Promise<{ port: number; release(): Promise<void> }> {
  const holder: Server = createServer()
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
  const address = holder.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    port: address.port,
    release: () => new Promise<void>((resolve) => holder.close(() => resolve())),
  }
}
