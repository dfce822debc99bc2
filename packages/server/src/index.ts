export {
  attachHeartbeat,
  type HeartbeatServer,
  type HeartbeatServerOptions,
  type HeartbeatStats,
} from './attachHeartbeat.js'
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
