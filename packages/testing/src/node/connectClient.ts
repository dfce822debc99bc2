import { WebSocket } from 'ws'

/** A raw `ws` client that records what it receives: for testing a server frame by frame. */
export interface RecordingClient {
  /** The `ws` socket: send anything on it, as an attacker would. */
  readonly socket: WebSocket
  /** Text messages received, in order. */
  readonly messages: string[]
  /** Resolves with the close code once the socket closed (1006 when it was cut). */
  readonly closed: Promise<number>
}

/**
 * Connects a plain `ws` client to `url` and resolves once it is open: no heartbeat, no reconnect,
 * no session. For tests of a server that look at single frames (a malformed handshake, a flood).
 *
 * @returns Rejects if the connection closes before it opens.
 * @example
 * ```ts
 * const client = await connectClient(server.url)
 * client.socket.send('{"s":"open","v":99}')
 * expect(await client.closed).toBe(4400)
 * ```
 */
export async function connectClient(url: string, protocols?: string[]): Promise<RecordingClient> {
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
