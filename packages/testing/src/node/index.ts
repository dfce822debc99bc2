// `@lifeline/testing/node`: real servers and a freezing proxy on 127.0.0.1, for Node tests.
// Node only (`ws`, `node:net`, `node:http`): a browser bundle never imports this entry.
export type { GoAwayOptions, ServerControls } from '../shared/controls.js'
export type { HeartbeatReplyOptions, HeartbeatSetting } from '../shared/heartbeat.js'
export type { Observations, ReceivedMessage } from '../shared/observations.js'
export { connectClient, type RecordingClient } from './connectClient.js'
export { type BlackHole, startBlackHole } from './startBlackHole.js'
export { type ProxyOptions, startProxy, type TcpProxy } from './startProxy.js'
export { startTestServer, type TestServer, type TestServerOptions } from './startTestServer.js'
