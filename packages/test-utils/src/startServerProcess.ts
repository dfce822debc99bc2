import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The only host the child listens on. */
const LOOPBACK = '127.0.0.1'

const STARTUP_TIMEOUT_MS = 5000
const MAX_STDERR_CHARS = 4000

/** Options of {@link startServerProcess}. */
export interface ServerProcessOptions {
  /** Port for the child to listen on; default 0 (the OS picks a free one). Always on 127.0.0.1. */
  port?: number
  /**
   * Another server script to run: it gets the port as its first argument and prints
   * `READY <port>` once listening. A `.ts` script runs through `tsx`, with the workspace's source
   * condition. Default: the echo + heartbeat server of `serverProcess.mjs`.
   */
  script?: string
}

/** An echo + heartbeat `ws` server running in a child Node process. */
export interface ServerProcess {
  /** `ws://127.0.0.1:PORT`. */
  readonly url: string
  /** The port the child listens on. */
  readonly port: number
  /** The child's process id. */
  readonly pid: number
  /** Freezes the child (SIGSTOP): its TCP connections stay up but nothing is read or answered. */
  pause(): void
  /** Unfreezes the child (SIGCONT); what arrived meanwhile is then processed. */
  resume(): void
  /** SIGKILLs the child (after SIGCONT if paused); resolves once it has exited. Idempotent. */
  kill(): Promise<void>
}

// The one module-level registry in this package: `process.on('exit')` is process-wide by nature,
// and a child that outlives its test run would keep a port and a process behind.
const running = new Set<ChildProcess>()
let exitHookInstalled = false

function killOnExit(child: ChildProcess): void {
  running.add(child)
  child.once('exit', () => running.delete(child))
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const orphan of running) {
      orphan.kill('SIGCONT')
      orphan.kill('SIGKILL')
    }
  })
}

/**
 * Starts the echo + heartbeat server of `serverProcess.mjs` in a child process, so a test can
 * freeze it with {@link ServerProcess.pause} while its TCP connections stay open.
 *
 * @returns Once the child printed `READY <port>`; rejects if it exits first or after 5 s.
 * @example
 * const server = await startServerProcess()
 * afterEach(() => server.kill())
 * server.pause() // a client's heartbeat 'ping' now goes unanswered
 */
export function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const script = options.script ?? fileURLToPath(new URL('./serverProcess.mjs', import.meta.url))
  const loader = script.endsWith('.ts') ? ['--conditions=@lifeline/source', '--import', 'tsx'] : []
  const child = spawn(process.execPath, [...loader, script, String(options.port ?? 0)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  killOnExit(child)
  // The child never reads input; stdin exists only so the child sees EOF when we are gone.
  child.stdin?.on('error', () => {})

  let paused = false
  let killing: Promise<void> | undefined
  const kill = (): Promise<void> => {
    killing ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      if (paused) child.kill('SIGCONT')
      child.kill('SIGKILL')
    })
    return killing
  }

  return new Promise<ServerProcess>((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    let settled = false
    const fail = (reason: string): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void kill()
      const detail = stderr.trim() ? `; stderr: ${stderr.trim()}` : ''
      reject(new Error(`startServerProcess: the child ${reason}${detail}`))
    }
    const timer = setTimeout(
      () => fail(`did not print READY within ${STARTUP_TIMEOUT_MS} ms`),
      STARTUP_TIMEOUT_MS,
    )

    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_STDERR_CHARS) stderr += chunk
    })
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (settled) return
      stdout += chunk
      const match = /^READY (\d+)$/m.exec(stdout)
      if (!match) return
      settled = true
      clearTimeout(timer)
      const port = Number(match[1])
      resolve({
        url: `ws://${LOOPBACK}:${port}`,
        port,
        pid: child.pid ?? -1,
        pause: () => {
          paused = true
          child.kill('SIGSTOP')
        },
        resume: () => {
          paused = false
          child.kill('SIGCONT')
        },
        kill,
      })
    })
    child.once('error', (error) => fail(`could not be spawned: ${error.message}`))
    // 'close' rather than 'exit': it comes after stdio ended, so stderr is complete.
    child.once('close', (code, signal) =>
      fail(`exited before printing READY (code ${code}, signal ${signal})`),
    )
  })
}
