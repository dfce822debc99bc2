// `@lifeline/core/session`: nothing lost across a reconnect. The base entry never imports this.
export {
  decodeFrame,
  decodeServerFrame,
  encodeControl,
  encodeData,
  SESSION_PROTOCOL,
  type ServerFrame,
  type SessionFrame,
} from './frames.js'
export {
  ACK_DELAY,
  ACK_EVERY,
  type AckBatch,
  acknowledge,
  arrival,
  createAckBatch,
  lastNumber,
  type Outgoing,
} from './sequence.js'
export {
  PROTOCOL_ERROR_CLOSE,
  type SessionOptions,
  session,
} from './session.js'
