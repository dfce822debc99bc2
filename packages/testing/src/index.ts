// `@lifeline/testing`: what runs anywhere, browsers included (no `node:` import, no `ws`, no
// `msw`): the manual clock, the waits, a fake WebSocket and a fake network, and the server half of
// sessions for fakes of your own.
export { createManualClock, type ManualClock } from './clock/createManualClock.js'
export type { FakeNetwork } from './fake/fakeNetwork.js'
export { createFakeNetwork } from './fake/fakeNetwork.js'
export { type FakeCloseCall, type FakeReadyState, FakeSocket } from './fake/fakeSocket.js'
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
} from './fake/fakeSocketEvents.js'
export {
  createFakeWebSocket,
  type FakeWebSocketConstructor,
  type FakeWebSocketKit,
  type FakeWebSocketOptions,
} from './fake/fakeWebSocket.js'
export {
  type AckTimers,
  createSessionHost,
  type SessionHost,
  type SessionLink,
} from './sessions/sessionHost.js'
export { DEFAULT_WAIT_TIMEOUT, type WaitForOptions, waitFor } from './waiting/waitFor.js'
export {
  type StateSource,
  type WaitForStateOptions,
  waitForState,
  waitForStatus,
} from './waiting/waitForState.js'
