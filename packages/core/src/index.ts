export { type BackoffOptions, nextDelay } from './backoff.js'
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
export { initialState, STATE_FIELDS } from './state.js'
export { globalTimers } from './timers.js'
export { createTracker, type Tracker } from './tracking.js'
export type {
  CloseInfo,
  ConnectionState,
  ErrorKind,
  HeartbeatOptions,
  Lifeline,
  LifelineError,
  LifelineEvent,
  LifelineOptions,
  MessageData,
  NetworkEnvironment,
  NetworkSignal,
  OverflowPolicy,
  QueueOptions,
  ReadyState,
  ReconnectOptions,
  SendData,
  SendResult,
  SocketEventLike,
  Status,
  TimerProvider,
  UrlSource,
  WebSocketConstructor,
  WebSocketLike,
} from './types.js'
