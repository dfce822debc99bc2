// The browser-safe subset (no `ws`, no `node:` imports), for stories and other browser code.

export { createFakeNetwork, type FakeNetwork, type FakeSignal } from './fakeNetwork.js'
export type { FakeCloseCall, FakeReadyState } from './fakeSocket.js'
export { FakeSocket } from './fakeSocket.js'
export type {
  FakeCloseEvent,
  FakeErrorEvent,
  FakeEvent,
  FakeEventMap,
  FakeEventType,
  FakeListener,
  FakeListenerOptions,
  FakeMessageEvent,
  FakeOpenEvent,
} from './fakeSocketEvents.js'
export type {
  FakeWebSocketConstructor,
  FakeWebSocketKit,
  FakeWebSocketOptions,
} from './fakeWebSocket.js'
export { createFakeWebSocket } from './fakeWebSocket.js'
export type { ManualTimers } from './manualTimers.js'
export { createManualTimers } from './manualTimers.js'
