import type { FakeSocket } from './fakeSocket.js'

/** The event types a {@link FakeSocket} dispatches. */
export type FakeEventType = 'open' | 'message' | 'error' | 'close'

/** Dispatched by {@link FakeSocket.open}. */
export interface FakeOpenEvent {
  readonly type: 'open'
  readonly target: FakeSocket
}

/** Dispatched by {@link FakeSocket.receive}; `data` is whatever the test passed. */
export interface FakeMessageEvent {
  readonly type: 'message'
  readonly data: unknown
  readonly target: FakeSocket
}

/** Dispatched by {@link FakeSocket.fail}, just before its close event. */
export interface FakeErrorEvent {
  readonly type: 'error'
  readonly message: string
  readonly target: FakeSocket
}

/** Dispatched when the socket reaches CLOSED; 1006 with `wasClean: false` after a failure. */
export interface FakeCloseEvent {
  readonly type: 'close'
  readonly code: number
  readonly reason: string
  readonly wasClean: boolean
  readonly target: FakeSocket
}

/** Event object by event type. */
export interface FakeEventMap {
  open: FakeOpenEvent
  message: FakeMessageEvent
  error: FakeErrorEvent
  close: FakeCloseEvent
}

/** Any event a {@link FakeSocket} dispatches. */
export type FakeEvent = FakeEventMap[FakeEventType]

/** A listener, as a function or a `{ handleEvent }` object like the DOM accepts. */
export type FakeListener<E> = ((event: E) => void) | { handleEvent(event: E): void }

/** The `addEventListener` options the fake honours: `once` and `signal` (capture is meaningless here). */
export interface FakeListenerOptions {
  /** Remove the listener after its first call. */
  once?: boolean
  /** Remove the listener when this signal aborts. */
  signal?: AbortSignal
}
