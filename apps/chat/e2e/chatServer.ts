import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The demo's real server, run as its own process so a test can kill, restart and freeze it. */
export interface ChatServerProcess {
  readonly port: number
  /** `ws://127.0.0.1:PORT` */
  readonly url: string
  /** SIGSTOP: TCP stays up, nothing answers, no close event: a half-open link. */
  pause(): void
  /** SIGCONT */
  resume(): void
  /** SIGKILL: every connection drops at once (1006 for the clients). */
  kill(): Promise<void>
  /** Starts again on the same port. */
  restart(): Promise<void>
}

const appDir = fileURLToPath(new URL('..', import.meta.url))

function launch(
  port: number,
  heartbeatInterval: number,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--conditions=@lifeline/source', '--import', 'tsx', 'server/main.ts'],
    {
      cwd: appDir,
      env: {
        ...process.env,
        PORT: String(port),
        HEARTBEAT_INTERVAL: String(heartbeatInterval),
        LOG_INTERVAL: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('chat server did not start within 10 s')),
      10_000,
    )
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /LISTENING ws:\/\/[\d.]+:(\d+)/.exec(out)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve({ child, port: Number(match[1]) })
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`chat server exited early (${code}): ${out}`))
    })
  })
}

/** Starts the chat server on a free port (or `port`). */
export async function startChatServer(
  options: { port?: number; heartbeatInterval?: number } = {},
): Promise<ChatServerProcess> {
  const heartbeatInterval = options.heartbeatInterval ?? 10_000
  let { child, port } = await launch(options.port ?? 0, heartbeatInterval)
  let paused = false
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    if (paused) child.kill('SIGCONT')
    paused = false
    child.kill('SIGKILL')
    await exited
  }
  process.once('exit', () => child.kill('SIGKILL'))
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    pause() {
      paused = true
      child.kill('SIGSTOP')
    },
    resume() {
      paused = false
      child.kill('SIGCONT')
    },
    kill: stop,
    async restart() {
      await stop()
      ;({ child, port } = await launch(port, heartbeatInterval))
    },
  }
}
