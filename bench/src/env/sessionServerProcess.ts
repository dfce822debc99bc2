import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** What the app of `sessionServer.ts` saw: received numbers and sent counts per client id. */
export interface ServerReport {
  readonly received: Readonly<Record<string, readonly number[]>>
  readonly sent: Readonly<Record<string, number>>
}

/** The sessions scenario's server in a child process (see `sessionServer.ts`). */
export interface SessionServerProcess {
  readonly port: number
  /** SIGSTOP: its TCP links stay up, nothing is read or answered. */
  pause(): void
  resume(): void
  stream(on: boolean): void
  burst(count: number): void
  closeAll(code: number): void
  report(): Promise<ServerReport>
  /** Dies at once, sessions and all (a crash), with its report of what it got up to then. */
  crash(): Promise<ServerReport>
  /** SIGKILL (after SIGCONT); resolves once it exited. */
  kill(): Promise<void>
}

/** Forks the server in `mode` on `port` (0: any), its messages tagged with `epoch`. */
export function startSessionServerProcess(
  mode: 'session' | 'plain',
  port: number,
  epoch: number,
): Promise<SessionServerProcess> {
  const script = fileURLToPath(new URL('./sessionServer.ts', import.meta.url))
  const child: ChildProcess = fork(script, [mode, String(port), String(epoch)], {
    execArgv: process.execArgv.filter((arg) => arg !== '--expose-gc'),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  let nextId = 0
  const waiting = new Map<number, (report: ServerReport) => void>()
  const tell = (message: object): void => {
    if (child.connected) child.send(message)
  }
  const ask = (type: string): Promise<ServerReport> =>
    new Promise((done) => {
      const id = nextId++
      waiting.set(id, done)
      tell({ type, id })
    })
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`session server exited early (${code})`)))
    child.on('message', (message: { type: string; port?: number; id?: number } & ServerReport) => {
      if (message.type === 'report') waiting.get(message.id ?? -1)?.(message)
      if (message.type !== 'ready') return
      resolve({
        port: message.port ?? 0,
        pause: () => child.kill('SIGSTOP'),
        resume: () => child.kill('SIGCONT'),
        stream: (on) => tell({ type: 'stream', on }),
        burst: (value) => tell({ type: 'burst', value }),
        closeAll: (value) => tell({ type: 'close-all', value }),
        report: () => ask('report'),
        crash: async () => {
          child.removeAllListeners('exit')
          const exited = new Promise((done) => child.once('exit', done))
          const report = await ask('crash')
          await exited
          return report
        },
        kill: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done()
            child.removeAllListeners('exit')
            child.once('exit', () => done())
            child.kill('SIGCONT')
            child.kill('SIGKILL')
          }),
      })
    })
  })
}
