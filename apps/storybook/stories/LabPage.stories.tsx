import type { Meta, StoryObj } from '@storybook/react-vite'
import { LabPage, type LabPageProps } from '../../chat/src/LabPage.js'
import {
  CONNECTION_ARG_TYPES,
  CONNECTION_ARGS,
  type ConnectionArgs,
  connectionOptions,
  demoConfig,
  maxAttempts,
  scenarioSettings,
} from '../src/connectionArgs.js'
import { steps } from '../src/play.js'
import { ScenarioFrame } from '../src/ScenarioFrame.js'

type Args = LabPageProps & ConnectionArgs

/**
 * The demo's connection lab, on the real hook and core, against the fake server of the control bar
 * (the lab's `/lab` endpoint: it echoes text and answers `ping` with `pong`). Each play function
 * presses Connect as a person would, then does to the server what its story is about.
 */
const meta = {
  title: 'Demo/LabPage',
  component: LabPage,
  tags: ['autodocs'],
  parameters: { docs: { story: { autoplay: true } } },
  args: { ...CONNECTION_ARGS },
  argTypes: {
    ...CONNECTION_ARG_TYPES,
    config: { control: false },
    options: { control: false },
    clock: { control: false },
  },
  render: ({ config, options, clock, ...knobs }) => (
    <ScenarioFrame
      key={JSON.stringify(knobs)}
      settings={scenarioSettings(knobs)}
      maxAttempts={maxAttempts(knobs)}
    >
      {(scenario) => (
        <LabPage
          config={config ?? demoConfig(knobs)}
          options={{ ...scenario.transport, ...connectionOptions(knobs), ...options }}
          clock={clock}
        />
      )}
    </ScenarioFrame>
  ),
} satisfies Meta<Args>

export default meta
type Story = StoryObj<typeof meta>

/** As the lab opens: idle, with Connect enabled and Send disabled. */
export const Idle: Story = {}

/** Connect while the server is frozen: the attempt hangs in `connecting`. */
export const Connecting: Story = {
  args: { server: 'frozen' },
  play: async ({ canvasElement }) => {
    const { press, shows } = steps(canvasElement)
    await press('Connect')
    await shows('status', 'connecting')
  },
}

/** Connect, send `hello`, get the echo; the heartbeat measures the latency. */
export const OpenWithEcho: Story = {
  args: { heartbeatInterval: 500 },
  play: async ({ canvasElement }) => {
    const { press, shows, submit } = steps(canvasElement)
    await press('Connect')
    await shows('status', 'open')
    await submit('Message', 'hello')
    await shows('log', '← hello')
    await shows('latency', /^\d+ ms$/)
  },
}

/** Connect while the server is down: attempt 3 of 5 has failed and the next one counts down. */
export const ReconnectingAttempt3: Story = {
  args: { server: 'down', maxAttempts: 5, minDelay: 50, factor: 10 },
  play: async ({ canvasElement }) => {
    const { press, shows } = steps(canvasElement)
    await press('Connect')
    await shows('attempt', /^3$/)
    await shows('countdown', 'attempt 4 in')
  },
}

/** Freeze the server once open: the heartbeat finds the half-open link within a second. */
export const HeartbeatTimeout: Story = {
  args: { heartbeatInterval: 300, heartbeatTimeout: 300 },
  play: async ({ canvasElement }) => {
    const { press, shows } = steps(canvasElement)
    await press('Connect')
    await shows('status', 'open')
    await press('Freeze')
    await shows('timeline', 'heartbeat timeout')
  },
}

/** The network goes away: the link fails and retries wait for it to come back. */
export const Offline: Story = {
  play: async ({ canvasElement }) => {
    const { press, shows } = steps(canvasElement)
    await press('Connect')
    await shows('status', 'open')
    await press('Go offline')
    await shows('network', 'offline')
  },
}

/** The lab's Close button: a clean 1000 close, no retry. */
export const ClosedByUser: Story = {
  play: async ({ canvasElement }) => {
    const { press, shows } = steps(canvasElement)
    await press('Connect')
    await shows('status', 'open')
    await press('Close')
    await shows('status', 'closed')
  },
}

/** The server closes with 1008: closed for good, Connect is enabled again. */
export const ClosedByPolicy: Story = {
  play: async ({ canvasElement }) => {
    const { press, shows } = steps(canvasElement)
    await press('Connect')
    await shows('status', 'open')
    await press('Close 1008')
    await shows('last-close', '1008')
  },
}

/** The server sends 100 messages at once; the log keeps them all, in order. */
export const Burst: Story = {
  play: async ({ canvasElement }) => {
    const { press, shows } = steps(canvasElement)
    await press('Connect')
    await shows('status', 'open')
    await press('Burst')
    await shows('log', '← burst 100/100')
  },
}
