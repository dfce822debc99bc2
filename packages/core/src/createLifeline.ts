import { announce } from './announce.js'
import { openAttempt } from './attempt.js'
import { createBurstClock } from './burstClock.js'
import { closeArgs } from './closeArgs.js'
import { closeOf, type SocketHandle, socketError } from './connection.js'
import { createConnectionStore } from './connectionStore.js'
import { resolveOptions } from './defaults.js'
import { createDelivery } from './delivery.js'
import { createBrowserEnvironment } from './environment/browserEnvironment.js'
import { createHeartbeat } from './heartbeatRunner.js'
import { createListeners } from './listeners.js'
import { type MachineEvent, type Series, statusDeadline, transition } from './machine.js'
import type { LifelineOptions } from './options.js'
import { createOutbox } from './outbox.js'
import { initialState } from './state.js'
import { createTimer, globalTimers } from './timers.js'
import type {
  ErrorKind,
  Lifeline,
  LifelineEvent,
  MessageData,
  SocketEventLike,
  UrlSource,
} from './types.js'
import { describeError, jsonText } from './util.js'

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
 *   hello: () => JSON.stringify({ type: 'join', room: 'lobby' }), // first on every new socket
 * })
 * line.store.subscribe((state) => console.log(state.status))
 * line.onMessage((data, json) => console.log(json))
 * line.sendJson({ type: 'say', text: 'hi' }) // queued until the link opens, sent after the join
 * ```
 */
export function createLifeline<In = unknown, Out = unknown>(
  url: UrlSource,
  options: LifelineOptions<In> = {},
): Lifeline<In, Out> {
  const settings = resolveOptions(options)
  const timers = options.timers ?? globalTimers
  const random = options.random ?? Math.random
  const environment =
    options.watchNetwork === false ? null : (options.environment ?? createBrowserEnvironment())
  const states = createConnectionStore<In>(initialState(environment?.isOnline() ?? true))
  const store = states.api
  const statusTimer = createTimer(timers)
  const clock = createBurstClock(() => timers.now())
  const messageListeners = createListeners<MessageData, In | undefined>()
  const eventListeners = createListeners<LifelineEvent>()
  const emit = eventListeners.emit
  const deliver = createDelivery(settings.parse, states, emit, messageListeners)
  let current: SocketHandle | null = null
  // A socket that connect() left to finish its close handshake while a new attempt runs.
  let closing: SocketHandle | null = null
  // Bumped whenever an attempt starts or a socket is dropped: a URL promise of an older attempt
  // that settles late must not open a second socket.
  let generation = 0
  let series: Series = 'fresh'
  let destroyed = false
  // The socket is open and a capability's handshake holds the connection in 'connecting': what
  // to report if it never completes.
  let holding: { readonly kind: ErrorKind; readonly message: string } | false = false
  let running = false
  const pending: MachineEvent[] = []
  const fail = (kind: ErrorKind, message: string) => dispatch({ type: 'error', kind, message })

  /** Runs events to completion, one at a time: a listener that calls back in waits its turn. */
  function dispatch(event: MachineEvent): void {
    pending.push(event)
    if (running) return
    running = true
    try {
      for (let next = pending.shift(); next !== undefined; next = pending.shift()) step(next)
    } finally {
      running = false
    }
  }

  function step(event: MachineEvent): void {
    if (destroyed) return
    const now = timers.now()
    const prev = store.getState()
    const ctx = { now, random, reconnect: settings.reconnect, series }
    const result = transition(prev, event, ctx)
    const next = result.state
    const { status, retryAt } = next
    const moved = status !== prev.status
    series = result.series
    if (next !== prev) states.commit(next)
    if (moved) {
      // The socket is gone or going: from a live status to any but `open`.
      if ((prev.status === 'open' || prev.status === 'connecting') && status !== 'open') {
        holding = false
        hooks.close?.()
      }
      // The socket follows the status, as the timers do.
      if (status === 'closing') closeCurrent(event)
      else if (status === 'connecting') {
        if (prev.status === 'closing') {
          // connect() while closing: the old socket finishes its close handshake in the background.
          closing?.abandon()
          closing = current
          current = null
        }
        startAttempt()
      } else if (status !== 'open') abandon(event.type === 'destroy')
      if (status === 'open') heartbeat.start(now)
      else heartbeat.stop()
    } else if (
      status === 'open' &&
      (event.type === 'online' || event.type === 'offline' || event.type === 'visible')
    ) {
      // The network changed or the page came back: a link that looks open may be dead; a ping
      // at once finds out within `timeout`.
      heartbeat.probe()
    }
    if (moved || retryAt !== prev.retryAt) {
      const at = statusDeadline(next, now, settings)
      if (at === null) statusTimer.disarm()
      else {
        statusTimer.arm(at, () => {
          const held = holding
          dispatch({ type: 'timer' })
          if (held) fail(held.kind, held.message)
        })
      }
    }
    if (eventListeners.size > 0) announce(prev, next, now, emit)
  }

  function closeCurrent(event: MachineEvent): void {
    try {
      hooks.end?.()
      if (event.type === 'disconnect') current?.close(event.code, event.reason)
    } catch (error) {
      fail('socket', `close failed: ${describeError(error)}`)
    }
  }

  const heartbeat = createHeartbeat(settings.heartbeat, timers, {
    send: (data) => current?.send(data),
    ping: (at) => emit({ type: 'ping', at }),
    pong(latency, at) {
      dispatch({
        type: 'set',
        patch: latency === null ? { lastSeenAt: at } : { lastSeenAt: at, latency },
      })
      if (latency !== null) emit({ type: 'pong', latency, at })
    },
    dead: () => dispatch({ type: 'dead' }),
    fail: (message) => fail('send', message),
  })

  /** The open socket to send on now, or `null` (not open, or just found dead by the heartbeat). */
  const target = (): SocketHandle | null =>
    store.getState().status === 'open' && current?.isOpen() && heartbeat.alive() ? current : null

  const hooks =
    options.session?.attach({
      store,
      timers,
      emit,
      fail,
      transmit(frame) {
        try {
          if (current?.isOpen()) current.send(frame)
        } catch (error) {
          fail('send', `send failed: ${describeError(error)}`)
        }
      },
      ready() {
        if (holding && current) proceed(current)
      },
      record: (patch) => dispatch({ type: 'set', patch }),
      deliver: (data) => deliver(data, clock()),
      drop: (code, reason) => current?.close(code, reason),
    }) ?? {}

  const outbox = createOutbox(
    settings.queue,
    (queued, dropped) => dispatch({ type: 'set', patch: { queued, dropped } }),
    fail,
    hooks,
  )

  function startAttempt(): void {
    abandon(false)
    const attemptId = generation
    openAttempt({
      url,
      options,
      timers,
      listener: onSocketEvent,
      wanted: () => attemptId === generation,
      opened(handle) {
        current = handle
        dispatch({ type: 'socket' })
      },
      failed: (kind, message) => dispatch({ type: 'failed', kind, message }),
    })
  }

  function onSocketEvent(handle: SocketHandle, event: SocketEventLike, href: string): void {
    const { type } = event
    if (handle === current) {
      if (type === 'message') receive(event.data as MessageData)
      else if (type === 'open') opened(handle)
      else if (type === 'error') fail('socket', socketError(event, href))
      else {
        current = null
        dispatch({ type: 'close', ...closeOf(event) })
      }
    } else if (handle === closing && type === 'close') {
      closing = null
      // The close of the socket connect() left closing: recorded, nothing else.
      dispatch({ type: 'close', ...closeOf(event), earlier: true })
    }
  }

  /** The new socket is open: a capability's handshake first, if it holds the connection. */
  function opened(handle: SocketHandle): void {
    holding = hooks.open?.() ?? false
    if (!holding) proceed(handle)
  }

  /** `hello` first, then what a capability replays, then the queue; then the world hears `open`. */
  function proceed(handle: SocketHandle): void {
    holding = false
    outbox.open(handle, options.hello)
    dispatch({ type: 'open' })
  }

  function receive(data: MessageData): void {
    const now = clock()
    if (!heartbeat.receive(data, now) && !hooks.receive?.(data)) deliver(data, now)
  }
  function abandon(graceful: boolean): void {
    generation++
    // Listeners go first, so nothing of the abandoned socket reaches the engine any more.
    current?.abandon(graceful)
    current = null
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
      if (args.problem !== null) fail('socket', args.problem)
      dispatch({ type: 'disconnect', code: args.code, reason: args.reason })
    },
    send: (data) => (destroyed ? 'dropped' : outbox.send(data, target())),
    sendJson(value) {
      const text = jsonText(value)
      if (typeof text === 'string') return line.send(text)
      fail('send', `sendJson: ${text.message}`)
      return 'dropped'
    },
    onMessage: (listener) => (destroyed ? () => {} : messageListeners.add(listener)),
    onEvent: (listener) => (destroyed ? () => {} : eventListeners.add(listener)),
    socket: () => current?.socket ?? null,
    destroy() {
      if (destroyed) return
      hooks.end?.()
      dispatch({ type: 'destroy' })
      destroyed = true
      heartbeat.stop()
      closing?.abandon()
      unsubscribeEnvironment?.()
      outbox.clear()
      messageListeners.clear()
      eventListeners.clear()
    },
  }

  if (options.autoConnect !== false) line.connect()
  return line
}
