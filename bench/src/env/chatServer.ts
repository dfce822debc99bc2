import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The demo's chat server (apps/chat/server/main.ts), run as users run it, in its own process. */
export interface ChatServerProcess {
  /** `ws://127.0.0.1:PORT`, without a path. */
  readonly url: string
  readonly port: number
  /** Resident set size of the server process in bytes now, or `null` once it exited. */
  rss(): number | null
  /** Whether the process is still running, and how it ended if not. */
  exit(): { readonly code: number | null; readonly signal: string | null } | null
  /** The last lines it printed on stderr (an exit's reason). */
  stderr(): string
  close(): Promise<void>
}

const APP = fileURLToPath(new URL('../../../apps/chat/', import.meta.url))

/** VmRSS of a Linux process, in bytes; `null` when it is gone. */
function readRss(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match?.[1] ? Number(match[1]) * 1024 : null
  } catch {
    return null
  }
}

/**
 * Starts the demo server on 127.0.0.1, port 0, with `env` added (HEARTBEAT_INTERVAL, …), from the
 * packages' dist (`pnpm bench` builds them first), and resolves once it prints `LISTENING`.
 */
export function startChatServer(env: Readonly<Record<string, string>>): Promise<ChatServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: APP,
    env: { ...process.env, PORT: '0', LOG_INTERVAL: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let err = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-4_000)
  })
  let exit: { code: number | null; signal: string | null } | null = null
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal }
      resolve()
    }),
  )
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(
      () => reject(new Error('the chat server did not start in 20 s')),
      20_000,
    )
    void exited.then(() => reject(new Error(`the chat server exited before listening: ${err}`)))
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /^LISTENING ws:\/\/127\.0\.0\.1:(\d+)$/m.exec(out)
      if (!match?.[1]) return
      clearTimeout(timer)
      const port = Number(match[1])
      const pid = child.pid ?? -1
      resolve({
        url: `ws://127.0.0.1:${port}`,
        port,
        rss: () => (exit ? null : readRss(pid)),
        exit: () => exit,
        stderr: () => err,
        close: async () => {
          if (!exit) child.kill('SIGKILL')
          await exited
        },
      })
    })
  })
}
