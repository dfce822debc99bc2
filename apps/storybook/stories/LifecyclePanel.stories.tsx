import { initialState } from '@lifeline/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { LifecyclePanel, type LifecyclePanelProps } from '../../chat/src/LifecyclePanel.js'
import {
  CONNECTION_ARG_TYPES,
  CONNECTION_ARGS,
  type ConnectionArgs,
  connectionOptions,
  maxAttempts,
  scenarioSettings,
} from '../src/connectionArgs.js'
import { LiveConnection } from '../src/LiveConnection.js'
import { steps } from '../src/play.js'
import { ScenarioFrame } from '../src/ScenarioFrame.js'

/** The story's knobs; `state` and `lifeline` come from the live connection, not from args. */
type Args = LifecyclePanelProps &
  ConnectionArgs & {
    /** Connect at mount; `false` leaves the connection idle until Connect. */
    autoConnect: boolean
  }

/**
 * Every state of a connection as the lifecycle panel shows it. Nothing here is hand-set: each story
 * runs the real `useWebSocket` and core against a fake WebSocket whose in-memory server the buttons
 * (and the story's play function) drive. Change a control to start the story's world over.
 */
const meta = {
  title: 'Demo/LifecyclePanel',
  component: LifecyclePanel,
  tags: ['autodocs'],
  parameters: { docs: { story: { autoplay: true } } },
  args: {
    ...CONNECTION_ARGS,
    autoConnect: true,
    state: initialState(true),
    lifeline: null,
  },
  argTypes: {
    ...CONNECTION_ARG_TYPES,
    autoConnect: { control: 'boolean', table: { category: 'Connection' } },
    state: { control: false },
    lifeline: { control: false },
    clock: { control: false },
  },
  render: ({ state: _state, lifeline: _lifeline, clock, autoConnect, ...knobs }) => (
    <ScenarioFrame
      key={JSON.stringify({ autoConnect, ...knobs })}
      settings={scenarioSettings(knobs)}
      maxAttempts={maxAttempts(knobs)}
    >
      {(scenario) => (
        <LiveConnection
          scenario={scenario}
          options={{
            autoConnect,
            heartbeat: { interval: knobs.heartbeatInterval, timeout: knobs.heartbeatTimeout },
            ...connectionOptions(knobs),
          }}
        >
          {(ws) => <LifecyclePanel state={ws} lifeline={ws.lifeline} clock={clock} />}
        </LiveConnection>
      )}
    </ScenarioFrame>
  ),
} satisfies Meta<Args>

export default meta
type Story = StoryObj<typeof meta>

/** Created with `autoConnect: false`: nothing happens until Connect. */
export const Idle: Story = {
  args: { autoConnect: false },
}

/** The server never answers the handshake (frozen): the first attempt waits for its connect timeout. */
export const Connecting: Story = {
  args: { server: 'frozen' },
  play: async ({ canvasElement }) => {
    await steps(canvasElement).shows('status', 'connecting')
  },
}

/** A healthy link: a ping after each silent half second, answered in about 40 ms. */
export const OpenWithLatency: Story = {
  args: { heartbeatInterval: 500, latency: 40 },
  play: async ({ canvasElement }) => {
    const { shows } = steps(canvasElement)
    await shows('status', 'open')
    await shows('latency', /^\d+ ms$/)
  },
}

/**
 * The server is down. Attempts 1 and 2 fail within half a second (retries after 50 ms, then
 * 500 ms); attempt 3 fails too, and the panel counts down the 5 s to attempt 4 of 5.
 */
export const ReconnectingAttempt3: Story = {
  args: { server: 'down', maxAttempts: 5, minDelay: 50, factor: 10, jitter: 0 },
  play: async ({ canvasElement }) => {
    const { shows } = steps(canvasElement)
    await shows('attempt', /^3$/)
    await shows('status', 'reconnecting')
    await shows('countdown', 'attempt 4 in')
  },
}

/**
 * Freeze: the server stops answering without closing (a half-open link). With a 300 ms heartbeat
 * and a 300 ms timeout, Lifeline gives the link up about 0.6 s later and records a 1006 close;
 * the latency measured before the freeze is then shown as the last known.
 */
export const HeartbeatTimeout: Story = {
  args: { heartbeatInterval: 300, heartbeatTimeout: 300 },
  play: async ({ canvasElement }) => {
    const { shows, press } = steps(canvasElement)
    await shows('status', 'open')
    await shows('latency', /^\d+ ms$/)
    await press('Freeze')
    await shows('timeline', 'heartbeat timeout')
  },
}

/** The link fails and the browser reports offline: retries wait for the network, no countdown. */
export const Offline: Story = {
  play: async ({ canvasElement }) => {
    const { shows, press } = steps(canvasElement)
    await shows('status', 'open')
    await press('Go offline')
    await shows('network', 'offline')
    await shows('status', 'reconnecting')
  },
}

/** Disconnect: a clean 1000 close, and Lifeline stays closed until Connect. */
export const ClosedByUser: Story = {
  play: async ({ canvasElement }) => {
    const { shows, press } = steps(canvasElement)
    await shows('status', 'open')
    await press('Disconnect')
    await shows('status', 'closed')
  },
}

/** The server closes with 1008 (policy violation): the client is at fault, so no retry. */
export const ClosedByPolicy: Story = {
  play: async ({ canvasElement }) => {
    const { shows, press } = steps(canvasElement)
    await shows('status', 'open')
    await press('Close 1008')
    await shows('status', 'closed')
  },
}

/** The server is down and the page sends 20 messages into a queue of 5: 15 are dropped. */
export const QueueOverflow: Story = {
  args: { server: 'down', queueSize: 5, overflow: 'drop-oldest' },
  play: async ({ canvasElement }) => {
    const { shows, press } = steps(canvasElement)
    await shows('status', /connecting|reconnecting/)
    await press('Send 20')
    await shows('dropped', /^15$/)
  },
}

/** The server sends `{bad`: a parse error is recorded, the frame still arrives, the link stays up. */
export const BadJson: Story = {
  play: async ({ canvasElement }) => {
    const { shows, press } = steps(canvasElement)
    await shows('status', 'open')
    await press('Bad JSON')
    await shows('last-error', 'parse')
  },
}

/** An open link and every button: kill it, freeze it, flood it, take the network away. */
export const Playground: Story = {
  play: async ({ canvasElement }) => {
    await steps(canvasElement).shows('status', 'open')
  },
}
