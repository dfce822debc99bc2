import { FakeSocket } from './fakeSocket.js'

// Re-exported so the kit and the socket type it makes come from one module.
export { FakeSocket }

/** Options of {@link createFakeWebSocket}. */
export interface FakeWebSocketOptions {
  /** Let `close()` emit 'close' by itself in a microtask instead of waiting for `finishClose()`. Default false. */
  autoFinishClose?: boolean
}

/** The constructor a kit hands to the code under test in place of `WebSocket`. */
export interface FakeWebSocketConstructor {
  new (url: string | URL, protocols?: string | string[]): FakeSocket
  readonly CONNECTING: 0
  readonly OPEN: 1
  readonly CLOSING: 2
  readonly CLOSED: 3
}

/** A fake `WebSocket` constructor and the registry of the sockets it made. */
export interface FakeWebSocketKit {
  /** Pass this wherever a `WebSocket` constructor is expected. */
  readonly WebSocket: FakeWebSocketConstructor
  /** Every socket constructed by this kit, in order. */
  readonly sockets: FakeSocket[]
  /** The most recently constructed socket. */
  last(): FakeSocket | undefined
  /** Sockets still CONNECTING or OPEN. */
  live(): FakeSocket[]
}

/**
 * Creates a fake `WebSocket` constructor with its own registry (no module state), so each test
 * starts empty. Browser-safe, for stories too.
 *
 * @example
 * const fake = createFakeWebSocket()
 * const client = createClient({ url: 'ws://test', WebSocket: fake.WebSocket })
 * fake.last()?.open()
 * fake.last()?.receive('pong')
 */
export function createFakeWebSocket(options: FakeWebSocketOptions = {}): FakeWebSocketKit {
  const sockets: FakeSocket[] = []
  const settings = { autoFinishClose: options.autoFinishClose ?? false }

  class KitWebSocket extends FakeSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, settings)
      sockets.push(this)
    }
  }

  return {
    WebSocket: KitWebSocket,
    sockets,
    last: () => sockets.at(-1),
    live: () => sockets.filter((socket) => socket.readyState <= FakeSocket.OPEN),
  }
}
