import { WebSocket } from 'ws'

/** A `ws` client that records what it receives, for this package's own tests. */
export interface TestClient {
  readonly socket: WebSocket
  /** Text messages received, in order. */
  readonly messages: string[]
  /** Resolves with the close code. */
  readonly closed: Promise<number>
}

/** Connects a `ws` client to `url` and resolves once it is open. */
export async function connectClient(url: string, protocols?: string[]): Promise<TestClient> {
  const socket = new WebSocket(url, protocols)
  const messages: string[] = []
  socket.on('message', (data, isBinary) => {
    if (!isBinary) messages.push(data.toString())
  })
  socket.on('error', () => {})
  const closed = new Promise<number>((resolve) => socket.once('close', resolve))
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('close', (code) => reject(new Error(`closed with ${code} before opening`)))
  })
  return { socket, messages, closed }
}
