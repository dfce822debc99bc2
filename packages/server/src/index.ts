export {
  attachHeartbeat,
  type HeartbeatServer,
  type HeartbeatServerOptions,
  type HeartbeatStats,
} from './attachHeartbeat.js'
