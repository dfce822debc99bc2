// The bench's ws server, run in its own process (`benchServer.ts` forks it) so its CPU never
// counts in a client's process.cpuUsage(). Answers 'ping' with 'pong', sends bursts of small JSON
// frames (`?burst=N` on connect, or a 'burst:N' message), echoes the rest, and reports over IPC
// how many sockets are open (by URL path prefix). A burst is one write of prebuilt frames (the
// server costs nothing per frame); `&chunks=K` splits it into K writes 1 ms apart, so that every
// client sees the same K network reads whatever its speed.
import type { IncomingMessage } from 'node:http'
import { WebSocketServer } from 'ws'

const port = Number(process.argv[2] ?? 0)
const wss = new WebSocketServer({ host: '127.0.0.1', port })
const paths = new Map<object, string>()
const frames = new Map<number, { buffer: Buffer; starts: number[] }>()

/** N unmasked text frames `{"n":i}`, built once; `starts[i]` is where frame i begins. */
function burst(n: number): { buffer: Buffer; starts: number[] } {
  const cached = frames.get(n)
  if (cached) return cached
  const parts: Buffer[] = []
  const starts: number[] = []
  let offset = 0
  for (let i = 0; i < n; i++) {
    const payload = Buffer.from(`{"n":${i}}`)
    starts.push(offset)
    offset += 2 + payload.length
    parts.push(Buffer.from([0x81, payload.length]), payload)
  }
  const built = { buffer: Buffer.concat(parts), starts }
  frames.set(n, built)
  return built
}

type Raw = { _socket: { write(data: Buffer): boolean } }

/** Writes a burst of `n` frames straight to the TCP socket, in `chunks` writes 1 ms apart. */
function writeBurst(socket: unknown, n: number, chunks = 1): void {
  const tcp = (socket as Raw)._socket
  const { buffer, starts } = burst(n)
  const per = Math.ceil(n / chunks)
  const writeChunk = (k: number): void => {
    if (k * per >= n) return
    tcp.write(buffer.subarray(starts[k * per], starts[(k + 1) * per] ?? buffer.length))
    setTimeout(() => writeChunk(k + 1), 1)
  }
  writeChunk(0)
}

wss.on('connection', (socket, request: IncomingMessage) => {
  const url = new URL(request.url ?? '/', 'ws://127.0.0.1')
  paths.set(socket, url.pathname)
  socket.on('close', () => paths.delete(socket))
  socket.on('error', () => {})
  const onConnect = Number(url.searchParams.get('burst') ?? 0)
  if (onConnect > 0) writeBurst(socket, onConnect, Number(url.searchParams.get('chunks') ?? 1))
  socket.on('message', (data, isBinary) => {
    const text = isBinary ? null : data.toString()
    if (text === 'ping') socket.send('pong')
    else if (text?.startsWith('burst:')) {
      writeBurst(socket, Number(text.slice(6)))
    } else socket.send(data, { binary: isBinary })
  })
})

wss.on('listening', () => {
  const address = wss.address()
  process.send?.({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 })
})

process.on('message', (message: { type: string; prefix?: string; id: number }) => {
  if (message.type === 'clients') {
    let open = 0
    for (const [socket, path] of paths) {
      if (
        (socket as { readyState: number }).readyState === 1 &&
        path.startsWith(message.prefix ?? '/')
      )
        open++
    }
    process.send?.({ type: 'clients', id: message.id, open })
  }
})
process.on('disconnect', () => process.exit(0))
