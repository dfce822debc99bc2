// `@lifeline/testing/msw`: a mock WebSocket server for component tests, through MSW's `ws.link`.
// The only entry that imports `msw`; the others never load it.
export type { GoAwayOptions, ServerControls } from '../shared/controls.js'
export type { HeartbeatReplyOptions, HeartbeatSetting } from '../shared/heartbeat.js'
export type { Observations, ReceivedMessage } from '../shared/observations.js'
export {
  createWebSocketMock,
  type MockClient,
  type MockData,
  type WebSocketMock,
  type WebSocketMockOptions,
} from './createWebSocketMock.js'
