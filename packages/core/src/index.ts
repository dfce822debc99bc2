export { type BackoffOptions, nextDelay } from './backoff.js'
export type { Capability, CapabilityHooks, Seam } from './capability.js'
export { createLifeline } from './createLifeline.js'
export {
  CLOSE_TIMEOUT,
  DEFAULT_CONNECT_TIMEOUT,
  DEFAULT_HEARTBEAT_INTERVAL,
  DEFAULT_HEARTBEAT_TIMEOUT,
  DEFAULT_MIN_UPTIME,
  DEFAULT_QUEUE_SIZE,
  defaultShouldReconnect,
} from './defaults.js'
export { createBrowserEnvironment } from './environment/browserEnvironment.js'
export type { Records } from './machine.js'
export type {
  HeartbeatOptions,
  HelloFrames,
  LifelineOptions,
  NetworkEnvironment,
  NetworkSignal,
  OverflowPolicy,
  ProtocolsSource,
  QueueOptions,
  ReconnectOptions,
  TimerProvider,
} from './options.js'
export { parseJsonText } from './parse.js'
export { initialState, STATE_FIELDS } from './state.js'
export { globalTimers } from './timers.js'
export { createTracker, type Tracker } from './tracking.js'
export type {
  CloseInfo,
  ConnectionState,
  ErrorKind,
  Lifeline,
  LifelineError,
  LifelineEvent,
  MessageData,
  ReadyState,
  SendData,
  SendResult,
  SessionState,
  SocketEventLike,
  Status,
  UrlSource,
  WebSocketConstructor,
  WebSocketLike,
} from './types.js'
