import { createDemoServer } from '../scripts/demoServer.js'

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

/** Starts the chat server on a free port, with a quiet console. */
export async function startChatServer(
  options: { heartbeatInterval?: number } = {},
): Promise<ChatServerProcess> {
  const server = createDemoServer({
    port: 0,
    env: { HEARTBEAT_INTERVAL: String(options.heartbeatInterval ?? 10_000), LOG_INTERVAL: '0' },
  })
  await server.start()
  return {
    get port() {
      return server.port
    },
    get url() {
      return `ws://127.0.0.1:${server.port}`
    },
    pause: () => void server.freeze(),
    resume: () => void server.resume(),
    kill: async () => void (await server.kill()),
    restart: async () => void (await server.restart()),
  }
}
