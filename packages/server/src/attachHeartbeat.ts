import type { RawData, WebSocket, WebSocketServer } from 'ws'
import {
  type BackpressureOptions,
  createPressureGauge,
  resolveBackpressure,
} from './backpressure.js'
import { frameSize, frameText, safeReply, textMatcher } from './frames.js'
import { closeSoon, OPEN, type Peer, type Verdict } from './peer.js'
import { createFrameLimit, type RateLimitOptions, resolveRateLimit } from './rateLimit.js'
import { routeFrames } from './routeFrames.js'
import { runSliced, TIMERS } from './sweep.js'
import type {
  FrameHandlers,
  HeartbeatServer,
  HeartbeatServerOptions,
  HeartbeatStats,
  SendResult,
} from './types.js'

const SECOND = 1_000
const DEFAULT_INTERVAL = 30 * SECOND
/** The longest delay `setInterval` honours; beyond it Node fires every millisecond. */
const MAX_INTERVAL = 2 ** 31 - 1
/**
 * A sweep is spread over the first half of its interval, in slices `SLICE_GAP` ms apart, each of at
 * most `SLICE_BUDGET` ms. At 10,000 connections a sweep that pings them all in one go blocks the
 * loop for a few hundred ms (every other client waits), and so do the 10,000 pongs that come back
 * at once; spread, each slice's pongs are read before the next slice starts.
 */
const SLICE_BUDGET = 4
const SLICE_GAP = 10
/** Fewer per slice is not worth a timer. */
const MIN_PER_SLICE = 16

type Counter = Exclude<keyof HeartbeatStats, 'active'>

const logError = (error: unknown): void => {
  console.error('[@lifeline/server] a handler threw; its connection was closed with 1011:', error)
}

/**
 * Answers Lifeline clients' heartbeats on a `ws` server and sweeps dead peers: every `interval` it
 * sends a protocol-level ping to each client and terminates those that did not answer the previous
 * one. Only a protocol pong counts as an answer: a client that writes but never reads never sends
 * one, so it is found too. A frozen or vanished client is thus gone within two intervals; the sweep
 * runs in slices of a few ms, so even at 10,000 connections it never holds the event loop for long.
 *
 * With `backpressure` and `rateLimit` it also bounds what one client can cost (see their options),
 * and `handle`/`guard` keep a handler's bug to the connection it happened on.
 *
 * @example
 * ```ts
 * const wss = new WebSocketServer({ port: 8080, maxPayload: 64 * 1024 })
 * const server = attachHeartbeat(wss, { interval: 10_000, backpressure: true, rateLimit: true })
 * wss.on('connection', (socket) => {
 *   server.handle(socket, {
 *     message: (data) => server.send(socket, `echo ${data}`),
 *   })
 * })
 * ```
 *
 * @returns `stats()`, `isHeartbeat()`, `send()`, `handle()`, `guard()` and `stop()`. Throws a
 * `RangeError` at once for an `interval` outside 1 to `2 ** 31 - 1` ms, or limits that cannot work.
 */
export function attachHeartbeat(
  wss: WebSocketServer,
  options: HeartbeatServerOptions = {},
): HeartbeatServer {
  const interval = options.interval ?? DEFAULT_INTERVAL
  // Written so that NaN fails too.
  if (!(interval >= 1 && interval <= MAX_INTERVAL)) {
    throw new RangeError(
      `attachHeartbeat: interval must be 1 to ${MAX_INTERVAL} ms, not ${interval}`,
    )
  }
  const backpressure = enabled<BackpressureOptions>(options.backpressure, resolveBackpressure)
  const rateLimit = enabled<RateLimitOptions>(options.rateLimit, resolveRateLimit)
  const onError = options.onError ?? logError
  const matches = textMatcher(options.ping ?? 'ping')
  const reply = options.pong ?? 'pong'
  const peers = new Map<WebSocket, Peer>()
  const detachers = new Map<WebSocket, () => void>()
  const counts: Record<Counter, number> = {
    total: 0,
    terminated: 0,
    overloaded: 0,
    skipped: 0,
    refused: 0,
    abusive: 0,
    failed: 0,
  }
  let final: HeartbeatStats | undefined
  let sweeping: (() => void) | null = null

  const isHeartbeat = (data: unknown, isBinary = false): boolean => !isBinary && matches(data)
  const snapshot = (): HeartbeatStats => ({ active: peers.size, ...counts })

  /** Closes a connection for a reason of ours, once: its later frames are left unhandled. */
  function end(socket: WebSocket, code: number, reason: string): void {
    const peer = peers.get(socket)
    if (peer?.closing) return
    if (peer) peer.closing = true
    closeSoon(socket, code, reason)
  }

  function guard<T>(socket: WebSocket, fn: () => T): T | undefined {
    try {
      return fn()
    } catch (error) {
      counts.failed++
      try {
        onError(error, socket)
      } catch {
        // A logger that throws must not undo the guard.
      }
      end(socket, 1011, 'internal error')
      return undefined
    }
  }

  function send(
    socket: WebSocket,
    data: string | ArrayBuffer | ArrayBufferView,
    sendOptions?: { readonly binary?: boolean },
  ): SendResult {
    if (socket.readyState !== OPEN) return 'closed'
    const peer = peers.get(socket)
    if (peer?.gauge && backpressure) {
      const pressure = peer.gauge.check(socket.bufferedAmount, Date.now())
      if (pressure !== 'ok') {
        counts.skipped++
        if (pressure === 'overdue') overload(socket)
        return 'skipped'
      }
    }
    try {
      if (sendOptions?.binary === undefined) socket.send(data)
      else socket.send(data, { binary: sendOptions.binary })
    } catch {
      return 'closed'
    }
    return 'sent'
  }

  function overload(socket: WebSocket): void {
    if (peers.get(socket)?.closing) return
    counts.overloaded++
    end(socket, backpressure?.code ?? 1013, 'too much unsent data')
  }

  /** The rate limit, then the heartbeat: what the application should do with a frame. */
  function classify(socket: WebSocket, peer: Peer, data: RawData, isBinary: boolean): Verdict {
    if (peer.closing) return 'closed'
    if (peer.limit) {
      const admission = peer.limit.admit(frameSize(data))
      if (admission !== 'accepted') {
        counts.refused++
        if (admission === 'refused') return 'refused'
        counts.abusive++
        end(socket, 1008, 'rate limit exceeded')
        return 'closed'
      }
    }
    if (!isHeartbeat(data, isBinary)) return 'message'
    const text = typeof reply === 'function' ? safeReply(reply, frameText(data)) : reply
    if (text !== undefined) send(socket, text)
    return 'heartbeat'
  }

  function watch(socket: WebSocket): void {
    counts.total++
    const peer: Peer = {
      answered: true,
      verdict: 'message',
      closing: false,
      limit: rateLimit ? createFrameLimit(rateLimit) : null,
      gauge: backpressure ? createPressureGauge(backpressure) : null,
    }
    peers.set(socket, peer)
    // `ws` still emits frames it had buffered after `terminate()`: they must not revive the peer,
    // hence the check that it is still watched.
    const onPong = (): void => {
      if (peers.get(socket) === peer) peer.answered = true
    }
    const onMessage = (data: RawData, isBinary: boolean): void => {
      peer.verdict = guard(socket, () => classify(socket, peer, data, isBinary)) ?? 'closed'
    }
    const onClose = (): void => {
      if (peers.get(socket) === peer) peers.delete(socket)
      detachers.delete(socket)
    }
    // ws emits 'error' (then closes) on a peer's protocol violation, such as invalid UTF-8 or a
    // frame over maxPayload; with no listener that error would end the process.
    const onSocketError = (): void => {}
    socket.on('pong', onPong)
    // First among the frame listeners, whenever the application added its own: `handle` reads
    // the verdict of the frame being delivered.
    socket.prependListener('message', onMessage)
    socket.once('close', onClose)
    socket.on('error', onSocketError)
    detachers.set(socket, () => {
      socket.off('pong', onPong)
      socket.off('message', onMessage)
      socket.off('close', onClose)
      socket.off('error', onSocketError)
    })
  }

  function visit(socket: WebSocket): void {
    // The iterator is live: a socket closed since the sweep began is not visited at all.
    const peer = peers.get(socket)
    if (!peer) return
    if (!peer.answered) {
      counts.terminated++
      peers.delete(socket)
      socket.terminate()
      return
    }
    peer.answered = false
    // Also a socket nothing is sent to any more must not hold its unsent bytes forever.
    if (peer.gauge?.check(socket.bufferedAmount, Date.now()) === 'overdue') overload(socket)
    try {
      socket.ping()
    } catch {
      // Closing already: the next sweep forgets it.
    }
  }

  function sweep(): void {
    // A sweep still running (a very short interval) is not started twice.
    if (sweeping) return
    let finished = false
    const slices = Math.max(1, Math.floor(interval / 2 / SLICE_GAP))
    const cancel = runSliced({
      // Connections accepted during the sweep are visited too: answered, so they are just pinged.
      items: peers.keys(),
      visit,
      perSlice: Math.max(MIN_PER_SLICE, Math.ceil(peers.size / slices)),
      budget: SLICE_BUDGET,
      gap: SLICE_GAP,
      scheduler: TIMERS,
      done: () => {
        finished = true
        sweeping = null
      },
    })
    if (!finished) sweeping = cancel
  }

  // `clients` is undefined on a server created with `clientTracking: false`.
  for (const socket of wss.clients ?? []) watch(socket)
  wss.on('connection', watch)
  const timer = setInterval(sweep, interval)
  // The sweep alone must not keep a process alive that has nothing else to do.
  timer.unref?.()

  return {
    stats: () => final ?? snapshot(),
    isHeartbeat,
    send,
    handle: (socket, handlers: FrameHandlers) =>
      routeFrames(socket, handlers, {
        // After stop() nothing is classified any more: only heartbeats are still left out.
        verdict: (data, isBinary): Verdict =>
          peers.get(socket)?.verdict ?? (isHeartbeat(data, isBinary) ? 'heartbeat' : 'message'),
        guard: (fn) => guard(socket, fn),
      }),
    guard,
    stop() {
      // Once stopped, closes are no longer seen: the last counts that were true stay.
      final ??= snapshot()
      clearInterval(timer)
      sweeping?.()
      sweeping = null
      wss.off('connection', watch)
      for (const detach of detachers.values()) detach()
      detachers.clear()
      peers.clear()
    },
  }
}

/** `undefined` for an option left off or `false`; else the option resolved with its defaults. */
function enabled<T>(
  option: T | boolean | undefined,
  resolve: (option: T | true) => Required<T>,
): Required<T> | undefined {
  if (option === undefined || option === false) return undefined
  return resolve(option)
}
