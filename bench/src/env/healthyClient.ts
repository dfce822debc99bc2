// The well-behaved chat member of the soak, in a process of its own so that the abusers' work in
// the scenario process never delays its clock: it joins the lobby, says a short line every
// `every` ms and times each line's round trip (sent → its own echo back from the server).
// Usage (forked): healthyClient.ts <ws url of /chat> <every ms> <local address>
import { WebSocket } from 'ws'

const [url = '', everyText = '100', localAddress = '127.0.0.1'] = process.argv.slice(2)
const every = Number(everyText)
/** A line with no echo after this long counts as lost. */
const LOST_AFTER = 5_000

/** One line: when it was sent, and its round trip in ms (`null`: lost). */
export interface RoundTrip {
  readonly at: number
  readonly rtt: number | null
}

const done: RoundTrip[] = []
const waiting = new Map<string, number>()
/** Close codes seen, with when. */
const closes: Array<{ readonly at: number; readonly code: number }> = []
let socket: WebSocket | null = null
let sequence = 0

function connect(): void {
  const next = new WebSocket(url, { localAddress })
  socket = next
  next.on('error', () => {})
  next.on('open', () => {
    next.send(JSON.stringify({ type: 'join', room: 'lobby', name: 'healthy', key: 'healthy-key' }))
  })
  next.on('message', (data) => {
    let message: { type?: unknown; ref?: unknown; id?: unknown }
    try {
      message = JSON.parse(String(data))
    } catch {
      return
    }
    if (message.type !== 'message') return
    // Older servers echo the client's own `id`; newer ones assign the id and echo `ref`.
    const ref = typeof message.ref === 'string' ? message.ref : message.id
    const sentAt = typeof ref === 'string' ? waiting.get(ref) : undefined
    if (typeof ref !== 'string' || sentAt === undefined) return
    waiting.delete(ref)
    done.push({ at: sentAt, rtt: performance.now() - sentAt })
  })
  next.on('close', (code) => {
    closes.push({ at: performance.now(), code })
    // A healthy member comes back, as Lifeline would.
    setTimeout(connect, 250)
  })
}

setInterval(() => {
  const now = performance.now()
  for (const [ref, sentAt] of waiting) {
    if (now - sentAt < LOST_AFTER) continue
    waiting.delete(ref)
    done.push({ at: sentAt, rtt: null })
  }
  if (socket?.readyState !== WebSocket.OPEN) return
  const ref = `h-${++sequence}`
  waiting.set(ref, now)
  socket.send(JSON.stringify({ type: 'say', id: ref, ref, text: `line ${sequence}` }))
}, every)

// 'mark' answers this process's clock, so the scenario can tell its phases apart in the samples;
// 'take' answers every sample so far.
process.on('message', (request: { type: string; id: number }) => {
  if (request.type === 'mark')
    process.send?.({ type: 'mark', id: request.id, now: performance.now() })
  if (request.type === 'take') {
    process.send?.({ type: 'taken', id: request.id, roundTrips: done, closes })
  }
})
process.on('disconnect', () => process.exit(0))
connect()
process.send?.({ type: 'ready' })
