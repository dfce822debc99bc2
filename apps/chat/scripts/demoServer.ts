// The demo's server as a child process that can be killed, frozen and started again: what
// `pnpm dev` drives from the page, and what the browser tests do to it.
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { DevServerState, DevServerStatus } from '../src/devServer.js'

/** apps/chat: `--import tsx` and `server/main.ts` resolve from there. */
const APP_DIR = fileURLToPath(new URL('..', import.meta.url))
const SECOND = 1000
/** How long a start may take before it counts as failed. */
const START_TIMEOUT = 15 * SECOND
/** How long a graceful stop (SIGTERM) may take before SIGKILL. */
const STOP_GRACE = 3 * SECOND

/** Options of {@link createDemoServer}. */
export interface DemoServerOptions {
  /**
   * Port to listen on. When it is taken (another program, another demo), the server listens on a
   * free port the OS picks instead, and `status().url` says which. `0`: always a free one.
   */
  port: number
  /** Environment for the server on top of this process's (`HEARTBEAT_INTERVAL`, `LOG_INTERVAL`…). */
  env?: Readonly<Record<string, string>> | undefined
  /** Receives every line the server prints, stdout and stderr. Default: dropped. */
  log?: ((line: string) => void) | undefined
}

/** The demo's server process under control. */
export interface DemoServer {
  /** What it is doing, and where it listens (or listened last). */
  status(): DevServerStatus
  /** The port listened on (or last listened on); the asked-for one before the first start. */
  readonly port: number
  /** Starts it if it is not running. Resolves once it prints `LISTENING`; rejects if it exits first. */
  start(): Promise<DevServerStatus>
  /** SIGKILL: every connection drops at once, no close frame (1006 for the clients). */
  kill(): Promise<DevServerStatus>
  /**
   * SIGSTOP: TCP stays up and nothing answers, without any close (a half-open link), for `ms`
   * (then SIGCONT) or until `resume()`. Only while running.
   */
  freeze(ms?: number): DevServerStatus
  /** SIGCONT now. */
  resume(): DevServerStatus
  /** Kills it and starts it again on the same port (a free one if that was taken meanwhile). */
  restart(): Promise<DevServerStatus>
  /** Ends it for good: SIGTERM (a clean 1001 close for the clients), SIGKILL after 3 s. */
  close(): Promise<void>
  /** Calls `listener` after every change of `status()`; returns the unsubscribe. */
  onChange(listener: () => void): () => void
}

// A child that outlives the script that started it would hold its port: kill them all on exit.
const children = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of children) {
    child.kill('SIGCONT')
    child.kill('SIGKILL')
  }
})

/**
 * Controls the demo's server (`server/main.ts`, run from source) as a child process.
 *
 * @example
 * const server = createDemoServer({ port: 8787, log: console.log })
 * await server.start() // LISTENING; server.status().url is where
 * server.freeze(5_000) // a half-open link for 5 s
 */
export function createDemoServer(options: DemoServerOptions): DemoServer {
  let port = options.port
  let state: DevServerState = 'stopped'
  let url: string | null = null
  let frozenUntil: number | null = null
  let child: ChildProcess | null = null
  let starting: Promise<DevServerStatus> | null = null
  let thaw: ReturnType<typeof setTimeout> | undefined
  const listeners = new Set<() => void>()

  const status = (): DevServerStatus => ({ state, url, frozenUntil })
  const set = (next: DevServerState): void => {
    state = next
    if (next !== 'frozen') {
      frozenUntil = null
      clearTimeout(thaw)
    }
    for (const listener of [...listeners]) listener()
  }

  /** One process: resolves with its port once listening, rejects with its stderr if it exits first. */
  const launch = (askFor: number): Promise<{ process: ChildProcess; port: number }> =>
    new Promise((resolve, reject) => {
      const started = spawn(
        process.execPath,
        ['--conditions=@lifeline/source', '--import', 'tsx', 'server/main.ts'],
        {
          cwd: APP_DIR,
          env: { ...process.env, ...options.env, PORT: String(askFor) },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      children.add(started)
      let listening = false
      let stderr = ''
      const timer = setTimeout(() => {
        started.kill('SIGKILL')
        reject(new Error(`the demo server did not start within ${START_TIMEOUT / SECOND} s`))
      }, START_TIMEOUT)
      const lines = (chunk: Buffer, onLine: (line: string) => void): void => {
        for (const line of chunk.toString().split('\n')) if (line.trim()) onLine(line)
      }
      started.stdout?.on('data', (chunk: Buffer) =>
        lines(chunk, (line) => {
          options.log?.(line)
          const match = /^LISTENING ws:\/\/[^\s]+:(\d+)$/.exec(line.trim())
          if (match?.[1] && !listening) {
            listening = true
            clearTimeout(timer)
            resolve({ process: started, port: Number(match[1]) })
          }
        }),
      )
      started.stderr?.on('data', (chunk: Buffer) =>
        lines(chunk, (line) => {
          stderr += `${line}\n`
          options.log?.(line)
        }),
      )
      started.once('exit', (code, signal) => {
        children.delete(started)
        clearTimeout(timer)
        if (!listening) reject(new StartError(code, signal, stderr))
        // Whatever ended it (a kill from here, a crash), the current process is gone.
        if (started === child) {
          child = null
          set('stopped')
        }
      })
    })

  const start = (): Promise<DevServerStatus> => {
    if (state === 'running' || state === 'frozen') return Promise.resolve(status())
    starting ??= (async () => {
      set('starting')
      try {
        let launched: { process: ChildProcess; port: number }
        try {
          launched = await launch(port)
        } catch (error) {
          // Taken by someone else: a free port rather than no demo. `url` says where it went.
          if (!(error instanceof StartError && error.portTaken) || port === 0) throw error
          launched = await launch(0)
        }
        child = launched.process
        port = launched.port
        url = `ws://127.0.0.1:${port}`
        set('running')
        return status()
      } catch (error) {
        set('stopped')
        throw error
      } finally {
        starting = null
      }
    })()
    return starting
  }

  const signalled = (target: ChildProcess, signal: NodeJS.Signals, grace?: number) =>
    new Promise<void>((resolve) => {
      if (target.exitCode !== null || target.signalCode !== null) return resolve()
      target.once('exit', () => resolve())
      // A stopped process handles no signal but SIGKILL until it is continued.
      target.kill('SIGCONT')
      target.kill(signal)
      if (grace !== undefined) setTimeout(() => target.kill('SIGKILL'), grace).unref()
    })

  const kill = async (): Promise<DevServerStatus> => {
    if (starting) await starting.catch(() => {})
    if (child) await signalled(child, 'SIGKILL')
    return status()
  }

  const resume = (): DevServerStatus => {
    if (state !== 'frozen' || child === null) return status()
    child.kill('SIGCONT')
    set('running')
    return status()
  }

  return {
    status,
    get port() {
      return port
    },
    start,
    kill,
    freeze(ms) {
      if (state !== 'running' || child === null) return status()
      child.kill('SIGSTOP')
      frozenUntil = ms === undefined ? null : Date.now() + ms
      set('frozen')
      if (ms !== undefined) thaw = setTimeout(resume, ms)
      return status()
    },
    resume,
    async restart() {
      await kill()
      return start()
    },
    async close() {
      if (starting) await starting.catch(() => {})
      if (child) await signalled(child, 'SIGTERM', STOP_GRACE)
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** A server that exited before it listened, with why. */
class StartError extends Error {
  /** Whether it failed because its port was taken. */
  readonly portTaken: boolean
  constructor(code: number | null, signal: NodeJS.Signals | null, stderr: string) {
    super(`the demo server exited before listening (${signal ?? `code ${code}`}): ${stderr.trim()}`)
    this.portTaken = stderr.includes('EADDRINUSE')
  }
}
