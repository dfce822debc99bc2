// Helpers shared by this folder's integration tests (not shipped: only *.test.ts import it).

import type { Cleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { type ClientOptions, WebSocket } from 'ws'
import type { ServerMessage } from '../src/protocol.js'
import { type ChatServer, type ChatServerOptions, createChatServer } from './createChatServer.js'

/** A frame a test client received. */
export interface Frame {
  /** The payload as UTF-8 text. */
  readonly data: string
  /** The payload as received. */
  readonly bytes: Buffer
  readonly isBinary: boolean
}

/** A real `ws` client that queues what it receives. */
export interface TestClient {
  readonly socket: WebSocket
  /** Every frame received, in order. */
  readonly frames: Frame[]
  /** Resolves with the close code the client saw. */
  readonly closed: Promise<number>
  /** The next frame not yet read by `next`/`nextJson`; rejects after 1 s. */
  next(): Promise<Frame>
  /** `next()` parsed as a chat server message. */
  nextJson(): Promise<ServerMessage>
  /** Sends a value as JSON text. */
  sendJson(value: unknown): void
  /** Stops reading from the TCP socket: what the server sends piles up on its side. */
  freeze(): void
}

/** Starts a chat server on 127.0.0.1:0, closed after the test. */
export async function startServer(
  cleanup: Cleanup,
  options: ChatServerOptions = {},
): Promise<ChatServer> {
  const server = await createChatServer({ port: 0, ...options })
  cleanup.push(() => server.close())
  return server
}

/** Connects to `url` and resolves once open; the client is terminated after the test. */
export async function connect(
  cleanup: Cleanup,
  url: string,
  options: ClientOptions = {},
): Promise<TestClient> {
  const socket = new WebSocket(url, options)
  cleanup.push(() => socket.terminate())
  const frames: Frame[] = []
  let read = 0
  socket.on('message', (data, isBinary) => {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer)
    frames.push({ data: bytes.toString(), bytes, isBinary })
  })
  // Errors also end in 'close', which is what tests look at.
  socket.on('error', () => {})
  const closed = new Promise<number>((resolve) => socket.once('close', resolve))
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  const next = async (): Promise<Frame> => {
    const frame = await waitFor(() => frames[read], {
      timeout: 1000,
      message: `no frame #${read + 1} (received ${JSON.stringify(frames.map((f) => f.data))})`,
    })
    read++
    return frame
  }
  return {
    socket,
    frames,
    closed,
    next,
    nextJson: async () => JSON.parse((await next()).data) as ServerMessage,
    sendJson: (value) => socket.send(JSON.stringify(value)),
    // `ws` exposes no public way to stop reading; pausing its net.Socket is the test's lever.
    freeze: () => (socket as unknown as { _socket: { pause(): void } })._socket.pause(),
  }
}
