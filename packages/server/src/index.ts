export { attachHeartbeat } from './attachHeartbeat.js'
export { type BackpressureOptions, DEFAULT_BACKPRESSURE } from './backpressure.js'
export { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './rateLimit.js'
export { attachSessions } from './sessions/attachSessions.js'
export { createMemoryStore } from './sessions/memoryStore.js'
export type {
  ServerSession,
  SessionEndReason,
  SessionRecord,
  SessionSendResult,
  SessionServer,
  SessionServerOptions,
  SessionStats,
  SessionStore,
} from './sessions/types.js'
export { createTokenBucket, type Rate, type TokenBucket } from './tokenBucket.js'
export type {
  FrameHandlers,
  HeartbeatServer,
  HeartbeatServerOptions,
  HeartbeatStats,
  SendResult,
} from './types.js'
