import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The bench's ws server in a child process (see `serverProcess.ts`). */
export interface BenchServer {
  /** `ws://127.0.0.1:PORT`. */
  readonly url: string
  readonly port: number
  /** Sockets open on the server now whose URL path starts with `prefix` (default all). */
  clients(prefix?: string): Promise<number>
  /** Ends the process; resolves once it exited. */
  close(): Promise<void>
}

/** Forks the server (127.0.0.1, port 0 unless given) and resolves once it listens. */
export function startBenchServer(port = 0): Promise<BenchServer> {
  const script = fileURLToPath(new URL('./serverProcess.ts', import.meta.url))
  // No --expose-gc or production env in the server: only the module loader flags.
  const child = fork(script, [String(port)], {
    execArgv: process.execArgv.filter((arg) => arg !== '--expose-gc'),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  let nextId = 0
  const waiting = new Map<number, (open: number) => void>()
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited early (${code})`)))
    child.on('message', (message: { type: string; port?: number; id?: number; open?: number }) => {
      if (message.type === 'clients') waiting.get(message.id ?? -1)?.(message.open ?? 0)
      if (message.type !== 'ready') return
      const listening = message.port ?? 0
      resolve({
        url: `ws://127.0.0.1:${listening}`,
        port: listening,
        clients: (prefix = '/') =>
          new Promise((done) => {
            const id = nextId++
            waiting.set(id, (open) => {
              waiting.delete(id)
              done(open)
            })
            child.send({ type: 'clients', prefix, id })
          }),
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done()
            child.removeAllListeners('exit')
            child.once('exit', () => done())
            child.kill('SIGKILL')
          }),
      })
    })
  })
}
