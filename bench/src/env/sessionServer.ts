// The server of the sessions scenario, in a process of its own so that it can be frozen with
// SIGSTOP and restarted (losing its memory). Forked by `sessionServerProcess.ts` with the argv
// <mode> <port> <epoch>; `mode` is `session` (attachSessions) or `plain` (sockets as they come).
// The app is the same in both: a client says `id:<k>` first (its hello) and sends `c<k>:<n>`; the
// app records what it got and, while streaming, sends `s:<epoch>:<n>` to each client every 50 ms,
// counting what it sent. Over IPC: `stream`, `burst` (count messages `b:<i>` to every client at
// once), `close-all` (with a code), `report` (both logs) and `crash` (the report, then it dies).
import { attachHeartbeat, attachSessions } from '@lifeline/server'
import { WebSocketServer } from 'ws'

const [mode = 'session', portArg = '0', epoch = '1'] = process.argv.slice(2)
const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(portArg) })
wss.on('connection', (socket) => socket.on('error', () => {}))
attachHeartbeat(wss, { interval: 60_000 })

/** What the app got from each client (by its id), in arrival order. */
const received = new Map<string, number[]>()
/** How many stream messages the app sent to each client. */
const sent = new Map<string, number>()
/** How the app reaches each client now. */
const targets = new Map<string, (text: string) => void>()
let streaming = false

/** Takes one app message; returns the client's id once known. */
function got(text: string, known: string | null): string | null {
  if (text.startsWith('id:')) return known ?? text.slice(3)
  const colon = text.indexOf(':')
  const k = text.slice(1, colon)
  const list = received.get(k) ?? []
  received.set(k, list)
  list.push(Number(text.slice(colon + 1)))
  return known ?? k
}

setInterval(() => {
  if (!streaming) return
  for (const [k, send] of targets) {
    const n = sent.get(k) ?? 0
    sent.set(k, n + 1)
    send(`s:${epoch}:${n}`)
  }
}, 50)

if (mode === 'session') {
  // A buffer that holds a whole burst of the cost table.
  const sessions = attachSessions(wss, { ttl: 60_000, buffer: 200_000 })
  sessions.onSession((session) => {
    let k: string | null = null
    session.onMessage((text) => {
      k = got(text, k)
      if (k !== null && !targets.has(k)) targets.set(k, (t) => session.send(t))
    })
    session.onEnd(() => {
      if (k !== null) targets.delete(k)
    })
  })
} else {
  // Without sessions the app knows a client only by what it says on each new socket, and what it
  // sends while the client has no socket is gone.
  wss.on('connection', (socket) => {
    let k: string | null = null
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString()
      if (text === 'ping') return
      k = got(text, k)
      if (k !== null) targets.set(k, (t) => socket.readyState === 1 && socket.send(t))
    })
  })
}

process.on('message', (message: { type: string; value?: number; on?: boolean; id?: number }) => {
  if (message.type === 'stream') streaming = message.on ?? false
  if (message.type === 'burst') {
    for (const send of targets.values())
      for (let i = 0; i < (message.value ?? 0); i++) send(`b:${i}`)
  }
  if (message.type === 'close-all') {
    for (const socket of wss.clients) socket.close(message.value ?? 1001, 'bench')
  }
  const report = {
    type: 'report',
    id: message.id,
    received: Object.fromEntries(received),
    sent: Object.fromEntries(sent),
  }
  if (message.type === 'report') process.send?.(report)
  if (message.type === 'crash') {
    // A crash that loses the sessions: no frame is read or acknowledged once the report is made.
    for (const socket of wss.clients) socket.terminate()
    wss.close()
    streaming = false
    process.send?.(report, () => process.exit(0))
  }
})

wss.on('listening', () => {
  const address = wss.address()
  process.send?.({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 })
})
process.on('disconnect', () => process.exit(0))
