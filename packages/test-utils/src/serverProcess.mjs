// Echo + heartbeat `ws` server run by startServerProcess() in a child process, so a test can freeze
// it with SIGSTOP. Usage: node serverProcess.mjs [port]. Prints `READY <port>` once listening.
import { WebSocketServer } from 'ws'

const port = Number(process.argv[2] ?? 0)
const wss = new WebSocketServer({ host: '127.0.0.1', port })

wss.on('connection', (socket) => {
  socket.on('error', () => {})
  socket.on('message', (data, isBinary) => {
    if (!isBinary && data.toString() === 'ping') socket.send('pong')
    else socket.send(data, { binary: isBinary })
  })
})

wss.on('listening', () => {
  process.stdout.write(`READY ${wss.address().port}\n`)
})

wss.on('error', (error) => {
  process.stderr.write(`serverProcess: ${error.message}\n`)
  process.exit(1)
})

// The parent holds our stdin open; EOF means it is gone (even after SIGKILL), so do not linger.
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
