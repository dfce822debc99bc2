// A session server in a child process, so a test can freeze it with SIGSTOP while its TCP links
// stay up. Its app echoes every client message (`echo:<text>`) and sends `tick <n>` every 20 ms.
// Usage: node --import tsx sessionServerProcess.ts [port]. Prints `READY <port>` once listening.
import { WebSocketServer } from 'ws'
import { attachHeartbeat, attachSessions } from '../src/index.js'

const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) })
wss.on('connection', (socket) => socket.on('error', () => {}))
attachHeartbeat(wss, { interval: 60_000 })
const sessions = attachSessions(wss, { ttl: 30_000 })
sessions.onSession((session) => {
  let tick = 0
  const timer = setInterval(() => session.send(`tick ${tick++}`), 20)
  session.onMessage((text) => session.send(`echo:${text}`))
  session.onEnd(() => clearInterval(timer))
})
wss.on('listening', () => {
  const address = wss.address()
  process.stdout.write(
    `READY ${typeof address === 'object' && address !== null ? address.port : 0}\n`,
  )
})
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
