import { announce } from './announce.js'
import { createBurstClock } from './burstClock.js'
import { closeArgs } from './closeArgs.js'
import { openSocket, type SocketHandle } from './connection.js'
import { createConnectionStore } from './connectionStore.js'
import { CLOSE_TIMEOUT, DEFAULT_MIN_UPTIME, resolveOptions } from './defaults.js'
import { createBrowserEnvironment } from './environment/browserEnvironment.js'
import { createHeartbeat } from './heartbeatRunner.js'
import { createListeners } from './listeners.js'
import { type MachineEvent, transition } from './machine.js'
import { createOutbox } from './outbox.js'
import { parseFrame } from './parseFrame.js'
import { initialState } from './state.js'
import { createTimerSlots, globalTimers } from './timers.js'
import type {
  ConnectionState,
  Lifeline,
  LifelineEvent,
  LifelineOptions,
  MessageData,
  UrlSource,
  WebSocketConstructor,
} from './types.js'
import { pageBase, resolveUrl } from './url.js'
import { describeError } from './util.js'

type Slot = 'connect' | 'retry' | 'close' | 'stable' | 'heartbeat'

/**
 * Creates a connection that keeps itself alive: a heartbeat finds dead links (half-open ones too),
 * reconnection brings them back with backoff and jitter, and a bounded queue keeps what was sent
 * while the link was down. All of its state lives in `line.store`, a zustand vanilla store.
 *
 * Nothing here throws out of a timer or an event handler: bad URLs, URL functions that throw or
 * reject, frames that do not parse and an overflowing queue each set `error`.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws' // only in Node < 22; browsers have one
 * const line = createLifeline<Reply, Request>('wss://example.com/live', {
 *   WebSocket,
 *   heartbeat: { interval: 10_000, timeout: 5_000 },
 * })
 * line.store.subscribe((state) => console.log(state.status))
 * line.onMessage((data, json) => console.log(json))
 * line.sendJson({ type: 'hello' }) // queued until the link opens
 * ```
 */
export function createLifeline<In = unknown, Out = unknown>(
  url: UrlSource,
  options: LifelineOptions<In> = {},
): Lifeline<In, Out> {
  const resolved = resolveOptions(options)
  const timers = options.timers ?? globalTimers
  const random = options.random ?? Math.random
  const environment =
    options.watchNetwork === false ? null : (options.environment ?? createBrowserEnvironment())
  const states = createConnectionStore<In>(initialState(environment?.isOnline() ?? true))
  const store = states.api
  const slots = createTimerSlots<Slot>(timers)
  const messageClock = createBurstClock(() => timers.now())
  const messageListeners = createListeners<MessageData, In | undefined>()
  const eventListeners = createListeners<LifelineEvent>()
  let current: SocketHandle | null = null
  // Bumped whenever an attempt starts or a socket is dropped: a URL promise of an older attempt
  // that settles late must not open a second socket.
  let generation = 0
  let destroyed = false
  const pending: MachineEvent[] = []
  let running = false

  const emit = eventListeners.emit

  /** Runs events to completion, one at a time: a listener that calls back in waits its turn. */
  function dispatch(event: MachineEvent): void {
    if (running) {
      pending.push(event)
      return
    }
    running = true
    try {
      // The common case (every message) runs at once, without going through the queue.
      step(event)
      for (let next = pending.shift(); next !== undefined; next = pending.shift()) step(next)
    } finally {
      running = false
    }
  }

  function step(event: MachineEvent): void {
    if (destroyed) return
    const now = timers.now()
    const prev = store.getState()
    const result = transition(prev, event, { now, random, reconnect: resolved.reconnect })
    const next = result.state
    if (next !== prev) states.commit(next)
    syncTimers(prev, next, now)
    for (const effect of result.effects) {
      if (effect.type === 'start-attempt') startAttempt()
      else if (effect.type === 'close-socket') closeSocket(effect.code, effect.reason)
      else if (effect.type === 'abandon-socket') abandonSocket(effect.graceful)
      else heartbeat.check(0)
    }
    if (eventListeners.size > 0) announce(prev, next, now, emit)
  }

  /** Timers follow the state: each status owns its timers, and the retry timer mirrors `retryAt`. */
  function syncTimers(prev: ConnectionState<In>, next: ConnectionState<In>, now: number): void {
    if (prev.status !== next.status) {
      slots.disarm('connect')
      slots.disarm('close')
      slots.disarm('stable')
      heartbeat.stop()
      if (next.status === 'connecting') {
        slots.arm('connect', now + resolved.connectTimeout, () =>
          dispatch({ type: 'connect-timeout' }),
        )
      } else if (next.status === 'open') {
        const minUptime = resolved.reconnect?.minUptime ?? DEFAULT_MIN_UPTIME
        slots.arm('stable', now + minUptime, () => dispatch({ type: 'stable' }))
        heartbeat.start(now)
      } else if (next.status === 'closing') {
        slots.arm('close', now + CLOSE_TIMEOUT, () => dispatch({ type: 'close-timeout' }))
      }
    }
    if (prev.retryAt !== next.retryAt) {
      slots.disarm('retry')
      if (next.retryAt !== null)
        slots.arm('retry', next.retryAt, () => dispatch({ type: 'retry-due' }))
    }
  }

  const heartbeat = createHeartbeat({
    timing: resolved.heartbeat,
    timers,
    slots,
    send: (data) => current?.send(data),
    onPing: (at) => emit({ type: 'ping', at }),
    onPong: (latency, at) => {
      dispatch({ type: 'pong', latency })
      if (latency !== null) emit({ type: 'pong', latency, at })
    },
    onDead: () => dispatch({ type: 'heartbeat-timeout' }),
    onError: (message) => dispatch({ type: 'error', kind: 'send', message }),
  })

  const outbox = createOutbox({
    queue: resolved.queue,
    target: () => (current?.isOpen() && heartbeat.verify() ? current : null),
    report: (queued, dropped) => dispatch({ type: 'queue', queued, dropped }),
    fail: (kind, message) => dispatch({ type: 'error', kind, message }),
  })

  const fail = (kind: 'url' | 'socket', message: string): void =>
    dispatch({ type: 'attempt-failed', kind, message })

  function startAttempt(): void {
    if (current) abandonSocket(false)
    const attemptId = ++generation
    resolveUrl(url, pageBase(), (checked) => {
      if (attemptId !== generation) return
      if (checked.ok) openWith(checked.url)
      else fail('url', checked.message)
    })
  }

  function openWith(target: string): void {
    const WebSocketImpl =
      options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket
    if (!WebSocketImpl) {
      fail('socket', 'no WebSocket here: pass options.WebSocket (in Node, the ws package)')
      return
    }
    try {
      current = openSocket({
        url: target,
        protocols: options.protocols,
        WebSocket: WebSocketImpl,
        binaryType: options.binaryType,
        handlers: {
          open() {
            // Queued messages go out before anyone can react to 'open' and send something newer.
            outbox.flush()
            dispatch({ type: 'open' })
          },
          message: receive,
          close: (code, reason, wasClean) => {
            current = null
            dispatch({ type: 'close', code, reason, wasClean })
          },
          error: (message) => dispatch({ type: 'error', kind: 'socket', message }),
        },
      })
    } catch (error) {
      fail('socket', `could not create the WebSocket: ${describeError(error)}`)
      return
    }
    dispatch({ type: 'socket-created' })
  }

  // Set by `parseFrame` for the frame being received; one function for all frames, not one each.
  let parseProblem: string | null = null
  const noteParseProblem = (message: string): void => {
    parseProblem = message
  }

  function receive(data: MessageData): void {
    if (destroyed) return
    const now = messageClock()
    if (heartbeat.receive(data, now)) return
    parseProblem = null
    const json = parseFrame(resolved.parse, data, noteParseProblem)
    // No transition: a message changes no status, timer or event, and each step reads the store
    // afresh, so a message that arrives while one runs is never lost.
    states.message(data, json, now)
    const problem = parseProblem as string | null
    if (problem !== null) dispatch({ type: 'error', kind: 'parse', message: problem })
    messageListeners.emit(data, json)
  }

  function closeSocket(code: number, reason: string): void {
    try {
      current?.close(code, reason)
    } catch (error) {
      dispatch({ type: 'error', kind: 'socket', message: `close failed: ${describeError(error)}` })
    }
  }

  function abandonSocket(graceful: boolean): void {
    generation++
    heartbeat.stop()
    const socket = current
    current = null
    socket?.abandon(graceful)
  }

  // Listeners go on at the first connect, so a connection that is created and never started (a
  // render that React throws away, a server render) touches no global.
  let unsubscribeEnvironment: (() => void) | null = null

  const line: Lifeline<In, Out> = {
    store,
    connect() {
      if (destroyed) return
      unsubscribeEnvironment ??=
        environment?.subscribe((signal) => dispatch({ type: signal })) ?? null
      dispatch({ type: 'connect' })
    },
    disconnect(code = 1000, reason = '') {
      const args = closeArgs(code, reason)
      if (args.problem !== null) dispatch({ type: 'error', kind: 'socket', message: args.problem })
      dispatch({ type: 'disconnect', code: args.code, reason: args.reason })
    },
    send(data) {
      if (destroyed) return 'dropped'
      return outbox.send(data)
    },
    sendJson(value) {
      let text: string | undefined
      try {
        text = JSON.stringify(value)
      } catch (error) {
        dispatch({ type: 'error', kind: 'send', message: `sendJson: ${describeError(error)}` })
        return 'dropped'
      }
      if (text === undefined) {
        dispatch({ type: 'error', kind: 'send', message: 'sendJson: the value has no JSON form' })
        return 'dropped'
      }
      return line.send(text)
    },
    onMessage(listener) {
      if (destroyed) return () => {}
      return messageListeners.add(listener)
    },
    onEvent(listener) {
      if (destroyed) return () => {}
      return eventListeners.add(listener)
    },
    socket: () => current?.socket ?? null,
    destroy() {
      if (destroyed) return
      dispatch({ type: 'destroy' })
      destroyed = true
      slots.disarmAll()
      unsubscribeEnvironment?.()
      outbox.clear()
      messageListeners.clear()
      eventListeners.clear()
    },
  }

  if (options.autoConnect !== false) line.connect()
  return line
}
