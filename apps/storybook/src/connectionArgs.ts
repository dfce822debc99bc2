import type { LifelineOptions, OverflowPolicy } from '@lifeline/core'
import type { ArgTypes } from '@storybook/react-vite'
import type { DemoConfig } from '../../chat/src/config.js'
import type { ScenarioSettings, ServerMode } from './scenario.js'

/** The knobs of a live story: its world (server, network) and its connection's settings. All ms. */
export interface ConnectionArgs {
  /** How the fake server starts. */
  server: ServerMode
  /** Whether the network starts online. */
  online: boolean
  /** The server's answer time: a pong's latency is about this. */
  latency: number
  /** Heartbeat: silence after which a ping is sent. */
  heartbeatInterval: number
  /** Heartbeat: time after a ping within which a frame must arrive. */
  heartbeatTimeout: number
  /** `reconnect.maxAttempts`; `0` means unlimited (`Infinity`). */
  maxAttempts: number
  /** `reconnect.minDelay`. */
  minDelay: number
  /** `reconnect.factor`. */
  factor: number
  /** `reconnect.jitter`; `0` makes every countdown the same on every run. */
  jitter: number
  /** `queue.maxSize`. */
  queueSize: number
  /** `queue.overflow`. */
  overflow: OverflowPolicy
}

/** A calm, healthy connection; each story changes what it is about. */
export const CONNECTION_ARGS: ConnectionArgs = {
  server: 'up',
  online: true,
  latency: 40,
  heartbeatInterval: 1_000,
  heartbeatTimeout: 1_000,
  maxAttempts: 0,
  minDelay: 500,
  factor: 2,
  jitter: 0,
  queueSize: 100,
  overflow: 'drop-oldest',
}

const scenario = { category: 'Scenario' }
const connection = { category: 'Connection' }
const number = (min: number, max: number, step: number) =>
  ({ type: 'number', min, max, step }) as const

/** Controls for `ConnectionArgs`, grouped as "Scenario" (the world) and "Connection" (options). */
export const CONNECTION_ARG_TYPES: Partial<ArgTypes<ConnectionArgs>> = {
  server: {
    description: "How the fake server starts: 'up', 'down' (refuses), 'frozen' (answers nothing).",
    control: 'inline-radio',
    options: ['up', 'down', 'frozen'],
    table: scenario,
  },
  online: {
    description: 'Whether the network starts online.',
    control: 'boolean',
    table: scenario,
  },
  latency: {
    description: "The server's answer time in ms: a pong's latency is about this.",
    control: number(0, 5_000, 10),
    table: scenario,
  },
  heartbeatInterval: {
    description: 'heartbeat.interval: silence (ms) after which a ping is sent.',
    control: number(100, 60_000, 100),
    table: connection,
  },
  heartbeatTimeout: {
    description: 'heartbeat.timeout: time (ms) after a ping within which a frame must arrive.',
    control: number(100, 60_000, 100),
    table: connection,
  },
  maxAttempts: {
    description: 'reconnect.maxAttempts; 0 means unlimited (Infinity).',
    control: number(0, 100, 1),
    table: connection,
  },
  minDelay: {
    description: 'reconnect.minDelay: delay (ms) before the first retry.',
    control: number(0, 60_000, 50),
    table: connection,
  },
  factor: {
    description: 'reconnect.factor: growth of the delay per failed attempt.',
    control: number(1, 20, 0.5),
    table: connection,
  },
  jitter: {
    description: 'reconnect.jitter: random share of each delay; 0 makes countdowns repeatable.',
    control: { type: 'range', min: 0, max: 1, step: 0.1 },
    table: connection,
  },
  queueSize: {
    description: 'queue.maxSize: most messages kept while the link is down.',
    control: number(0, 10_000, 1),
    table: connection,
  },
  overflow: {
    description: 'queue.overflow: what a full queue does.',
    control: 'inline-radio',
    options: ['drop-oldest', 'drop-newest', 'error'],
    table: connection,
  },
}

/** The scenario a story's args describe. */
export function scenarioSettings(args: ConnectionArgs): ScenarioSettings {
  return { server: args.server, online: args.online, latency: args.latency }
}

/** `reconnect.maxAttempts` as Lifeline reads it (`0` in the controls means unlimited). */
export function maxAttempts(args: ConnectionArgs): number {
  return args.maxAttempts > 0 ? args.maxAttempts : Infinity
}

/** The reconnect and queue options a story's args describe (the heartbeat goes by `demoConfig`). */
export function connectionOptions(
  args: ConnectionArgs,
): Pick<LifelineOptions, 'reconnect' | 'queue'> {
  return {
    reconnect: {
      maxAttempts: maxAttempts(args),
      minDelay: args.minDelay,
      factor: args.factor,
      jitter: args.jitter,
      maxDelay: 30_000,
    },
    queue: { maxSize: args.queueSize, overflow: args.overflow },
  }
}

/**
 * The demo config a story's args describe: the demo pages take their heartbeat timing from it. The
 * in-memory chat server speaks the plain chat protocol, so the stories' chat room has no session.
 */
export function demoConfig(args: ConnectionArgs): DemoConfig {
  return {
    server: 'ws://fake.lifeline.test',
    interval: args.heartbeatInterval,
    timeout: args.heartbeatTimeout,
    minDelay: args.minDelay,
    sessions: false,
  }
}
