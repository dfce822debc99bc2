// The abusive clients of the soak, each kind as a function that starts it and returns a handle to
// stop it and read what it saw. All of them connect from their own loopback addresses
// (127.0.x.y: Linux routes all of 127/8 to the loopback interface), so the server tells them apart
// as it would tell apart hosts, and a per-address limit hits only the address that earned it.
import { connect as connectTcp, type Socket } from 'node:net'
import { WebSocket } from 'ws'

/** A running kind of abuse. */
export interface Abuse {
  /** Stops sending and closes every connection it holds. */
  stop(): void
  /** Close codes the server ended its connections with, and how many times. */
  readonly closes: Map<number, number>
  /** Connections it managed to open. */
  opened(): number
}

/** The JSON heartbeat of the chat endpoint. */
const HEARTBEAT = '{"type":"heartbeat"}'
/** Largest frame the lab accepts by default is 16 KiB: stay under it. */
const LAB_FRAME = 'x'.repeat(16_000)

/** Opens a socket from `localAddress`; `null` when it is refused or not open within `timeout` ms. */
export function open(
  url: string,
  localAddress: string,
  timeout = 3_000,
): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { localAddress, handshakeTimeout: timeout })
    socket.on('error', () => resolve(null))
    socket.once('open', () => resolve(socket))
    socket.once('close', () => resolve(null))
  })
}

/** Stops reading from the TCP socket: the server's frames pile up on its side. */
export function stopReading(socket: WebSocket): void {
  ;(socket as unknown as { _socket: Socket })._socket.pause()
}

const join = (socket: WebSocket, name: string, room = 'lobby'): void =>
  socket.send(JSON.stringify({ type: 'join', room, name, key: `${name}-key` }))

/**
 * `count` connections, each kept up by `run` for as long as the abuse lasts: when the server closes
 * one, it comes back after 250 ms (an abuser does not give up), from the same address.
 */
function persistent(
  count: number,
  address: (index: number) => string,
  url: string,
  run: (socket: WebSocket, index: number, generation: number) => () => void,
): Abuse {
  let stopped = false
  let opened = 0
  const closes = new Map<number, number>()
  const live = new Set<WebSocket>()
  const stops = new Set<() => void>()
  const start = async (index: number, generation: number): Promise<void> => {
    if (stopped) return
    const socket = await open(url, address(index))
    if (stopped) return socket?.terminate()
    if (!socket) {
      setTimeout(() => void start(index, generation + 1), 250)
      return
    }
    opened++
    live.add(socket)
    const stopRun = run(socket, index, generation)
    stops.add(stopRun)
    socket.once('close', (code) => {
      stopRun()
      stops.delete(stopRun)
      live.delete(socket)
      if (stopped) return
      closes.set(code, (closes.get(code) ?? 0) + 1)
      setTimeout(() => void start(index, generation + 1), 250)
    })
  }
  for (let index = 0; index < count; index++) void start(index, 0)
  return {
    stop() {
      stopped = true
      for (const stopRun of stops) stopRun()
      for (const socket of live) socket.terminate()
    },
    closes,
    opened: () => opened,
  }
}

/** Every `ms`, `tick()`; the returned function stops it. */
const every = (ms: number, tick: () => void): (() => void) => {
  const timer = setInterval(tick, ms)
  return () => clearInterval(timer)
}

/** Chat members that join the lobby, never read again, and send a heartbeat every second. */
export function silentMembers(url: string, count: number): Abuse {
  return persistent(
    count,
    (i) => `127.0.1.${i + 1}`,
    `${url}/chat`,
    (socket, i, generation) => {
      join(socket, `quiet-${i}-${generation}`)
      stopReading(socket)
      return every(1_000, () => socket.send(HEARTBEAT))
    },
  )
}

/**
 * Lab clients that never read and send 16 KB frames to be echoed at 800 KB/s: within the lab's
 * rate limits, so only backpressure can stop the echoes from piling up in the server.
 */
export function silentEchoers(url: string, count: number): Abuse {
  return persistent(
    count,
    (i) => `127.0.2.${i + 1}`,
    `${url}/lab`,
    (socket) => {
      stopReading(socket)
      return every(20, () => socket.send(LAB_FRAME))
    },
  )
}

/** What a flooder lets pile up on its own side at most: it sends as fast as the server reads. */
const FLOOD_BUFFER = 64 * 1024

/**
 * Members that flood the lobby with short lines and heartbeats, as fast as the server reads them
 * (every 2 ms, up to 20 of each while less than 64 KiB waits on the flooder's side), and never
 * read what the server answers.
 */
export function flooders(url: string, count: number): Abuse {
  return persistent(
    count,
    (i) => `127.0.3.${i + 1}`,
    `${url}/chat`,
    (socket, i, generation) => {
      join(socket, `flood-${i}-${generation}`)
      stopReading(socket)
      let n = 0
      return every(2, () => {
        for (let k = 0; k < 20; k++) {
          n++
          socket.send(
            JSON.stringify({ type: 'say', id: `f${n}`, ref: `f${n}`, text: `flood ${n}` }),
          )
          socket.send(HEARTBEAT)
        }
      })
    },
  )
}

/** Connections that never read and send `join` every 5 ms, each time under a new name. */
export function joinStorm(url: string, count: number): Abuse {
  return persistent(
    count,
    (i) => `127.0.4.${i + 1}`,
    `${url}/chat`,
    (socket, i, generation) => {
      stopReading(socket)
      let n = 0
      return every(5, () => {
        if (socket.bufferedAmount < FLOOD_BUFFER) join(socket, `storm-${i}-${generation}-${++n}`)
      })
    },
  )
}

/**
 * Every 200 ms, 20 new connections (from 50 addresses in turn) join a room, say one line and
 * leave 100 ms later: the crowd of a reconnect storm, over and over.
 */
export function connectionStorm(url: string): Abuse {
  let stopped = false
  let opened = 0
  let next = 0
  const closes = new Map<number, number>()
  const live = new Set<WebSocket>()
  const wave = (): void => {
    for (let k = 0; k < 20; k++) {
      const n = next++
      void open(`${url}/chat`, `127.0.5.${(n % 50) + 1}`).then((socket) => {
        if (!socket) return
        if (stopped) return socket.terminate()
        opened++
        live.add(socket)
        socket.once('close', (code) => {
          live.delete(socket)
          if (code !== 1000 && code !== 1005) closes.set(code, (closes.get(code) ?? 0) + 1)
        })
        join(socket, `crowd-${n}`, 'crowd')
        socket.send(JSON.stringify({ type: 'say', id: `c${n}`, ref: `c${n}`, text: 'hello' }))
        setTimeout(() => socket.close(1000), 100)
      })
    }
  }
  const stopWaves = every(200, wave)
  return {
    stop() {
      stopped = true
      stopWaves()
      for (const socket of live) socket.terminate()
    },
    closes,
    opened: () => opened,
  }
}

/** Raw TCP connections that send half an upgrade request and then nothing. */
export interface Slowloris {
  /** Connections the server has not closed yet. */
  held(): number
  stop(): void
}

/** `count` unfinished upgrades from `localAddress`. */
export function slowloris(port: number, count: number, localAddress: string): Slowloris {
  const sockets = new Set<Socket>()
  for (let k = 0; k < count; k++) {
    const socket = connectTcp({ host: '127.0.0.1', port, localAddress })
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
    // A response (a refusal) is read and dropped; the socket stays until the server closes it.
    socket.on('data', () => {})
    socket.on('connect', () => socket.write('GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: '))
  }
  return {
    held: () => sockets.size,
    stop() {
      for (const socket of sockets) socket.destroy()
    },
  }
}

/** How a burst of connections from one address fared. */
export interface CapProbe {
  readonly opened: number
  /** Answered with an HTTP status instead of an upgrade, or reset. */
  readonly refused: number
  /** Neither opened nor refused within 10 s. */
  readonly timedOut: number
}

/** Opens `count` lab connections at once from one address, and closes those that opened. */
export async function capProbe(
  url: string,
  count: number,
  localAddress: string,
): Promise<CapProbe> {
  const outcomes = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<'opened' | 'refused' | 'timedOut'>((resolve) => {
          const socket = new WebSocket(`${url}/lab`, { localAddress, handshakeTimeout: 10_000 })
          socket.on('error', (error) =>
            resolve(/timed out|timeout/i.test(error.message) ? 'timedOut' : 'refused'),
          )
          socket.once('open', () => {
            resolve('opened')
            socket.terminate()
          })
        }),
    ),
  )
  const tally = (what: string): number => outcomes.filter((outcome) => outcome === what).length
  return { opened: tally('opened'), refused: tally('refused'), timedOut: tally('timedOut') }
}

/**
 * The frame that used to end the demo server: a `type` nested 5,000 arrays deep (10 KB).
 * @returns The close code the sender saw within 2 s, or `null` when the link stayed up.
 */
export async function nestedFrame(url: string, localAddress: string): Promise<number | null> {
  const socket = await open(`${url}/chat`, localAddress, 10_000)
  if (!socket) return -1
  const depth = 5_000
  socket.send(`{"type":${'['.repeat(depth)}${']'.repeat(depth)}}`)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.terminate()
      resolve(null)
    }, 2_000)
    socket.once('close', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
  })
}
