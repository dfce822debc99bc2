import {
  createFakeNetwork,
  createFakeWebSocket,
  type FakeNetwork,
  type FakeSocket,
  type FakeWebSocketKit,
  type SessionLink,
} from '@lifeline/testing'
import type { TransportOptions } from '../../chat/src/config.js'
import { type FakeProtocol, labProtocol } from './protocols.js'

/**
 * What the fake server does with connections.
 * - `'up'`: accepts new sockets, answers pings and frames.
 * - `'down'`: refuses new sockets (and killed the live ones when it went down).
 * - `'frozen'`: answers nothing, not even a handshake, and never drops a link: a half-open link.
 */
export type ServerMode = 'up' | 'down' | 'frozen'

/** How a story's world starts. All times in ms. */
export interface ScenarioSettings {
  /** Default `'up'`. */
  server?: ServerMode | undefined
  /** Whether the network starts online. Default `true`. */
  online?: boolean | undefined
  /** Time the server takes to accept or refuse a new socket. Default `30`. */
  handshake?: number | undefined
  /** Time the server takes to answer a frame, so a pong's latency is about this. Default `40`. */
  latency?: number | undefined
  /** What the server speaks. Default `labProtocol` (ping/pong and echo). */
  protocol?: FakeProtocol | undefined
}

/** What the control bar shows; a new object whenever something in it changed. */
export interface ScenarioSnapshot {
  readonly server: ServerMode
  readonly online: boolean
  /** Sockets the client has made so far: one per connect attempt. */
  readonly sockets: number
}

/**
 * One story's world: a fake WebSocket whose sockets a small in-memory server answers, and a fake
 * network. Everything the story shows comes from the real core and hook reacting to it.
 */
export interface Scenario {
  /** Give these to `useWebSocket` (or a demo component's `options`). */
  readonly transport: TransportOptions
  /** The fake WebSocket kit: every socket the client made, for scripts that go beyond the buttons. */
  readonly kit: FakeWebSocketKit
  readonly network: FakeNetwork
  snapshot(): ScenarioSnapshot
  /** Calls `listener` after every change of the snapshot; returns the unsubscribe. */
  subscribe(listener: () => void): () => void
  /** The newest socket that is connecting or open, if any. */
  link(): FakeSocket | undefined
  /** The link fails as if the cable were cut: 'error', then close 1006. The server stays as it is. */
  killLink(): void
  /** Moves the server to `mode`; going down kills the live link, coming back up (or thawing) accepts waiting sockets. */
  setServer(mode: ServerMode): void
  /** The server sends `data` on the open link. */
  push(data: string): void
  /** The server sends `count` frames at once on the open link. */
  burst(count?: number): void
  /** The server closes the open link cleanly with `code` and `reason`. */
  closeLink(code: number, reason: string): void
  /** Offline kills the live link first (a lost network ends it), then tells the page; online tells the page. */
  setOnline(online: boolean): void
  /** (Re)arms the server after `stop()`; StrictMode stops and starts a mount once. */
  start(): void
  /** Drops every pending server timer; nothing happens until `start()`. */
  stop(): void
}

/** Default number of frames in a burst. */
export const BURST_SIZE = 100

const CONNECTING = 0
const OPEN = 1
const CLOSING = 2

/**
 * Creates a fresh world for one story render: a new fake WebSocket kit (no state shared with any
 * other story), a fake network and a server that answers in `latency` ms. Server timers are real
 * timers, so a story plays out in real time in Storybook and in tests alike.
 *
 * @example
 * const scenario = createScenario({ server: 'down' })
 * useWebSocket('ws://fake.test/live', { ...scenario.transport, heartbeat: true })
 * scenario.setServer('up') // the next retry opens
 */
export function createScenario(settings: ScenarioSettings = {}): Scenario {
  const handshake = settings.handshake ?? 30
  const latency = settings.latency ?? 40
  const protocol = settings.protocol ?? labProtocol
  const kit = createFakeWebSocket()
  const network = createFakeNetwork(settings.online ?? true)
  const listeners = new Set<() => void>()
  const timers = new Set<ReturnType<typeof setTimeout>>()
  let stopped = false
  let snapshot: ScenarioSnapshot = {
    server: settings.server ?? 'up',
    online: network.isOnline(),
    sockets: 0,
  }

  const update = (change: Partial<ScenarioSnapshot>): void => {
    snapshot = { ...snapshot, ...change }
    for (const listener of [...listeners]) listener()
  }

  const later = (ms: number, run: () => void): void => {
    if (stopped) return
    const id = setTimeout(() => {
      timers.delete(id)
      if (!stopped) run()
    }, ms)
    timers.add(id)
  }

  const answers = (): boolean => snapshot.server === 'up' && snapshot.online

  /** Accepts or refuses a socket still waiting for its handshake; a frozen server leaves it waiting. */
  const deliver = (socket: FakeSocket, frame: string): void => {
    if (socket.readyState === OPEN && answers()) socket.receive(frame)
  }

  /** The server's side of an open socket, for a protocol that writes on its own. */
  const serverLink = (socket: FakeSocket): SessionLink => ({
    write: (frame) => later(latency, () => deliver(socket, frame)),
    close: (code, reason) =>
      later(latency, () => {
        if (socket.readyState === OPEN && answers()) socket.serverClose(code, reason)
      }),
  })

  const settle = (socket: FakeSocket): void => {
    if (socket.readyState !== CONNECTING || snapshot.server === 'frozen') return
    if (!answers()) {
      socket.fail(snapshot.online ? 'connection refused' : 'network is offline')
      return
    }
    // Announced first: the client may write in its open handler (a session's handshake).
    if (protocol.opened !== undefined) {
      protocol.opened(socket, serverLink(socket))
      socket.addEventListener('close', () => protocol.closed?.(socket))
    }
    socket.open()
  }

  const onClientFrame = (socket: FakeSocket, data: unknown): void => {
    if (socket.readyState !== OPEN || !answers()) return
    const pong = protocol.pong(data)
    const frames = pong === null ? protocol.reply(data, socket) : [pong]
    for (const frame of frames) later(latency, () => deliver(socket, frame))
  }

  // A frozen server never finishes the close handshake; Lifeline gives up on it after 1 s.
  const onClientClose = (socket: FakeSocket): void => {
    if (snapshot.server === 'frozen') return
    later(latency, () => {
      if (socket.readyState === CLOSING) socket.finishClose()
    })
  }

  class ServerSideSocket extends kit.WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      update({ sockets: kit.sockets.length })
      later(handshake, () => settle(this))
    }

    override send(data: unknown): void {
      super.send(data)
      onClientFrame(this, data)
    }

    override close(code?: number, reason?: string): void {
      super.close(code, reason)
      onClientClose(this)
    }
  }

  const live = (): FakeSocket | undefined => kit.live().at(-1)
  const open = (): FakeSocket | undefined => {
    const socket = live()
    return socket?.readyState === OPEN ? socket : undefined
  }

  return {
    transport: { WebSocket: ServerSideSocket, environment: network, watchNetwork: true },
    kit,
    network,
    snapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    link: live,
    killLink() {
      live()?.fail('the link was cut')
    },
    setServer(mode) {
      if (mode === snapshot.server) return
      update({ server: mode })
      if (mode === 'down') {
        live()?.fail('the server went down')
        protocol.restart?.()
      }
      if (mode === 'up') for (const socket of kit.live()) later(handshake, () => settle(socket))
    },
    push(data) {
      open()?.receive(data)
    },
    burst(count = BURST_SIZE) {
      const socket = open()
      for (let n = 1; n <= count && socket?.readyState === OPEN; n++) {
        const frame = protocol.burst(n, count)
        if (frame !== null) socket.receive(frame)
      }
    },
    closeLink(code, reason) {
      open()?.serverClose(code, reason)
    },
    setOnline(online) {
      if (online === snapshot.online) return
      if (!online) live()?.fail('network is offline')
      update({ online })
      network.signal(online ? 'online' : 'offline')
    },
    start() {
      stopped = false
    },
    stop() {
      stopped = true
      for (const id of timers) clearTimeout(id)
      timers.clear()
    },
  }
}
