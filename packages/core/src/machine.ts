import { nextDelay } from './backoff.js'
import { defaultShouldReconnect, type ResolvedReconnect } from './defaults.js'
import type { CloseInfo, ConnectionState, ErrorKind } from './types.js'

/** Everything that can happen to a connection: user calls, socket events, timers, the network. */
export type MachineEvent =
  | { readonly type: 'connect' }
  | { readonly type: 'disconnect'; readonly code: number; readonly reason: string }
  | { readonly type: 'socket-created' }
  | { readonly type: 'attempt-failed'; readonly kind: 'url' | 'socket'; readonly message: string }
  | { readonly type: 'open' }
  | {
      readonly type: 'close'
      readonly code: number
      readonly reason: string
      readonly wasClean: boolean
    }
  | { readonly type: 'connect-timeout' }
  | { readonly type: 'heartbeat-timeout' }
  | { readonly type: 'retry-due' }
  | { readonly type: 'close-timeout' }
  | { readonly type: 'stable' }
  | { readonly type: 'online' }
  | { readonly type: 'offline' }
  | { readonly type: 'visible' }
  | { readonly type: 'destroy' }
  | { readonly type: 'pong'; readonly latency: number | null }
  | { readonly type: 'queue'; readonly queued: number; readonly dropped: number }
  | { readonly type: 'error'; readonly kind: ErrorKind; readonly message: string }

/**
 * Work on the socket that a transition asks for. Timers are not effects: the runner derives them
 * from the state (one per status, plus `retryAt`), so no transition can forget to clear one.
 */
export type Effect =
  /** Resolve the URL and open a new socket. */
  | { readonly type: 'start-attempt' }
  /** Start the close handshake (the runner gives it `CLOSE_TIMEOUT`). */
  | { readonly type: 'close-socket'; readonly code: number; readonly reason: string }
  /** Forget the socket now: detach listeners and end it without waiting for any event. */
  | { readonly type: 'abandon-socket'; readonly graceful: boolean }
  /** Check the link now: a ping unless one is on its way. */
  | { readonly type: 'check-link' }

/** What a transition sees besides the state and the event; injected so the function stays pure. */
export interface MachineContext {
  readonly now: number
  /** A number in `[0, 1)`; drawn only when a retry is planned. */
  readonly random: () => number
  readonly reconnect: ResolvedReconnect | null
}

/** The next state and the effects to run, in order. */
export interface Transition<In> {
  readonly state: ConnectionState<In>
  readonly effects: readonly Effect[]
}

const NONE: readonly Effect[] = []

const to = <In>(state: ConnectionState<In>, effects: readonly Effect[] = NONE): Transition<In> => ({
  state,
  effects,
})

/**
 * The connection's state machine: the only place `status` changes. Pure: the same state, event and
 * context always give the same result.
 */
export function transition<In>(
  state: ConnectionState<In>,
  event: MachineEvent,
  ctx: MachineContext,
): Transition<In> {
  const { status } = state
  const stay = to(state)
  switch (event.type) {
    case 'connect':
      if (status === 'connecting' || status === 'open') return stay
      if (status === 'reconnecting') return attempt(state, state.attempt + 1, NONE)
      // A deliberate start (or restart after a close) begins a fresh series of attempts.
      return attempt(state, 1, status === 'closing' ? [abandon(false)] : NONE)

    case 'disconnect': {
      if (status === 'closing') return stay
      if (status === 'open' || (status === 'connecting' && state.readyState === 0)) {
        return to({ ...state, status: 'closing', readyState: 2, retryAt: null }, [
          { type: 'close-socket', code: event.code, reason: event.reason },
        ])
      }
      const closed: ConnectionState<In> = {
        ...state,
        status: 'closed',
        readyState: 3,
        retryAt: null,
      }
      if (status !== 'connecting') return to(closed)
      // Still resolving the URL: there is no socket to close, only an attempt to cancel.
      const lastClose = closeInfo(event.code, event.reason, true, ctx.now)
      return to({ ...closed, lastClose }, [abandon(false)])
    }

    case 'socket-created':
      if (status !== 'connecting') return stay
      return to({ ...state, readyState: 0 })

    case 'attempt-failed':
      if (status !== 'connecting') return stay
      return afterLoss(withError(state, event.kind, event.message, ctx.now), null, ctx, NONE)

    case 'open':
      if (status !== 'connecting') return stay
      return to({ ...state, status: 'open', readyState: 1, retryAt: null })

    case 'close': {
      const lastClose = closeInfo(event.code, event.reason, event.wasClean, ctx.now)
      if (status === 'closing') {
        return to({ ...state, status: 'closed', readyState: 3, lastClose })
      }
      if (status !== 'connecting' && status !== 'open') return stay
      return afterLoss({ ...state, readyState: 3, lastClose }, lastClose, ctx, NONE)
    }

    case 'connect-timeout':
      if (status !== 'connecting') return stay
      return abandonAndRetry(state, 'connect-timeout', 'connect timeout', ctx)

    case 'heartbeat-timeout':
      if (status !== 'open') return stay
      return abandonAndRetry(state, 'heartbeat-timeout', 'heartbeat timeout', ctx)

    case 'retry-due':
      if (status !== 'reconnecting' || state.retryAt === null) return stay
      return attempt(state, state.attempt + 1, NONE)

    case 'close-timeout': {
      if (status !== 'closing') return stay
      const lastClose = closeInfo(1006, 'close timeout', false, ctx.now)
      return to({ ...state, status: 'closed', readyState: 3, lastClose }, [abandon(false)])
    }

    case 'stable':
      if (status !== 'open' || state.attempt === 0) return stay
      return to({ ...state, attempt: 0 })

    case 'online': {
      const next = state.online ? state : { ...state, online: true }
      if (status === 'reconnecting') return attempt(next, state.attempt + 1, NONE)
      if (status === 'open') return to(next, [{ type: 'check-link' }])
      return to(next)
    }

    case 'offline': {
      const next: ConnectionState<In> = { ...state, online: false }
      return to(status === 'reconnecting' ? { ...next, retryAt: null } : next)
    }

    case 'visible':
      if (status === 'open') return to(state, [{ type: 'check-link' }])
      if (status === 'reconnecting' && state.online) return attempt(state, state.attempt + 1, NONE)
      return stay

    case 'destroy': {
      const live = status === 'connecting' || status === 'open' || status === 'closing'
      return to(
        { ...state, status: 'closed', readyState: 3, retryAt: null },
        live ? [abandon(true)] : NONE,
      )
    }

    case 'pong':
      return to({ ...state, lastSeenAt: ctx.now, latency: event.latency ?? state.latency })

    case 'queue':
      if (state.queued === event.queued && state.dropped === event.dropped) return stay
      return to({ ...state, queued: event.queued, dropped: event.dropped })

    case 'error':
      return to(withError(state, event.kind, event.message, ctx.now))
  }
}

function attempt<In>(
  state: ConnectionState<In>,
  n: number,
  before: readonly Effect[],
): Transition<In> {
  return to({ ...state, status: 'connecting', readyState: 3, attempt: n, retryAt: null }, [
    ...before,
    { type: 'start-attempt' },
  ])
}

function abandon(graceful: boolean): Effect {
  return { type: 'abandon-socket', graceful }
}

/** The socket is given up without waiting for a `close` event that a dead peer never sends. */
function abandonAndRetry<In>(
  state: ConnectionState<In>,
  kind: 'connect-timeout' | 'heartbeat-timeout',
  reason: string,
  ctx: MachineContext,
): Transition<In> {
  const lastClose = closeInfo(1006, reason, false, ctx.now)
  const message =
    kind === 'connect-timeout'
      ? 'not open within connectTimeout: is the server down or unreachable?'
      : 'no frame arrived after a heartbeat ping; the link is dead'
  const failed = { ...withError(state, kind, message, ctx.now), readyState: 3 as const, lastClose }
  return afterLoss(failed, lastClose, ctx, [abandon(false)])
}

/** After a failed attempt or a lost link: plan the next attempt, wait for the network, or stop. */
function afterLoss<In>(
  state: ConnectionState<In>,
  close: CloseInfo | null,
  ctx: MachineContext,
  effects: readonly Effect[],
): Transition<In> {
  const policy = ctx.reconnect
  const stop =
    policy === null ||
    state.attempt >= policy.maxAttempts ||
    (close !== null && !wantsRetry(policy, close))
  if (stop) return to({ ...state, status: 'closed', retryAt: null }, effects)
  if (!state.online) return to({ ...state, status: 'reconnecting', retryAt: null }, effects)
  // The first retry after a stable link (attempt 0) and after a failed first attempt both wait
  // minDelay; each further failure grows the delay.
  const delay = nextDelay(Math.max(1, state.attempt), policy, ctx.random())
  return to({ ...state, status: 'reconnecting', retryAt: ctx.now + delay }, effects)
}

/** A `shouldReconnect` that throws falls back to the default answer rather than break the engine. */
function wantsRetry(policy: ResolvedReconnect, close: CloseInfo): boolean {
  try {
    return policy.shouldReconnect(close) !== false
  } catch {
    return defaultShouldReconnect(close)
  }
}

function withError<In>(
  state: ConnectionState<In>,
  kind: ErrorKind,
  message: string,
  at: number,
): ConnectionState<In> {
  return { ...state, error: { kind, message, at } }
}

function closeInfo(code: number, reason: string, wasClean: boolean, at: number): CloseInfo {
  return { code, reason, wasClean, at }
}
