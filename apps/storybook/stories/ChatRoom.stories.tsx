import type { Meta, StoryObj } from '@storybook/react-vite'
import { ChatRoom, type ChatRoomProps } from '../../chat/src/ChatRoom.js'
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
import { chatProtocol } from '../src/protocols.js'
import { ScenarioFrame } from '../src/ScenarioFrame.js'
import { sessionProtocol } from '../src/sessionProtocol.js'

type Args = ChatRoomProps &
  ConnectionArgs & {
    /** The room over a Lifeline session, and a fake server that speaks the session protocol. */
    sessions: boolean
  }

/** Joins the room as `grace` and waits for the link to open. */
async function join(canvasElement: HTMLElement): Promise<ReturnType<typeof steps>> {
  const play = steps(canvasElement)
  await play.submit('Name', 'grace')
  await play.shows('chat-status', 'open')
  await play.shows('chat-log', 'Joined lobby as grace')
  return play
}

/**
 * The demo's chat room on the real hook and core, against an in-memory `/chat` server that speaks
 * the demo's JSON protocol (with the real server's checks). Messages typed while the link is down
 * are pending until delivered, or marked dropped when the queue is full.
 */
const meta = {
  title: 'Demo/ChatRoom',
  component: ChatRoom,
  tags: ['autodocs'],
  parameters: { docs: { story: { autoplay: true } } },
  args: { ...CONNECTION_ARGS, minDelay: 200, sessions: false },
  argTypes: {
    ...CONNECTION_ARG_TYPES,
    sessions: {
      description: 'The room over a Lifeline session: nothing lost across a reconnect.',
      control: 'boolean',
      table: { category: 'Connection' },
    },
    config: { control: false },
    options: { control: false },
  },
  render: ({ config, options, sessions, ...knobs }) => (
    <ScenarioFrame
      key={JSON.stringify({ sessions, ...knobs })}
      settings={{
        ...scenarioSettings(knobs),
        protocol: sessions ? sessionProtocol(chatProtocol()) : chatProtocol(),
      }}
      maxAttempts={maxAttempts(knobs)}
    >
      {(scenario) => (
        <ChatRoom
          config={config ?? { ...demoConfig(knobs), sessions }}
          options={{ ...scenario.transport, ...connectionOptions(knobs), ...options }}
        />
      )}
    </ScenarioFrame>
  ),
} satisfies Meta<Args>

export default meta
type Story = StoryObj<typeof meta>

/** Before Join there is no connection at all: the join form. */
export const JoinForm: Story = {}

/** Join, then say hello: the server's echo marks it delivered. */
export const Joined: Story = {
  play: async ({ canvasElement }) => {
    const { submit, shows } = await join(canvasElement)
    await submit('Message', 'hello')
    await shows('chat-log', 'grace: hello')
  },
}

/** The server dies; a message typed meanwhile waits in the queue, shown as pending. */
export const PendingWhileDown: Story = {
  play: async ({ canvasElement }) => {
    const { press, submit, shows } = await join(canvasElement)
    await press('Stop server')
    await shows('chat-status', /reconnecting|connecting/)
    await submit('Message', 'sent while down')
    await shows('chat-queued', /queued/)
  },
}

/** The server comes back: the room is joined again and the pending message goes out first. */
export const DeliveredAfterReconnect: Story = {
  play: async ({ canvasElement }) => {
    const { press, submit, shows } = await join(canvasElement)
    await press('Stop server')
    await shows('chat-status', /reconnecting|connecting/)
    await submit('Message', 'sent while down')
    await press('Start server')
    await shows('chat-log', 'Rejoined lobby as grace')
    await shows('chat-status', 'open')
    await shows('chat-news', 'delivered')
  },
}

/**
 * A queue of 3 that drops the newest: three of five messages typed while down are queued and two
 * are marked as not sent. The header counts only the user's queued lines (the room's `join` is
 * its `hello`, never in the queue).
 */
export const QueueOverflow: Story = {
  args: { queueSize: 3, overflow: 'drop-newest' },
  play: async ({ canvasElement }) => {
    const { press, submit, shows } = await join(canvasElement)
    await press('Stop server')
    await shows('chat-status', /reconnecting|connecting/)
    for (let n = 1; n <= 5; n++) await submit('Message', `typed while down ${n}`)
    await shows('chat-queued', /^\d queued$/)
  },
}

/** Freeze the server: the heartbeat (300 ms + 300 ms here) gives the link up within a second. */
export const HeartbeatTimeout: Story = {
  args: { heartbeatInterval: 300, heartbeatTimeout: 300 },
  play: async ({ canvasElement }) => {
    const { press, shows } = await join(canvasElement)
    await press('Freeze')
    await shows('chat-status', /reconnecting|connecting/)
  },
}

/** The network goes away: the link fails and the room waits for it, messages pending. */
export const Offline: Story = {
  play: async ({ canvasElement }) => {
    const { press, submit, shows } = await join(canvasElement)
    await press('Go offline')
    await shows('chat-status', 'reconnecting')
    await submit('Message', 'typed offline')
    await shows('chat-queued', /queued/)
  },
}

/** The server closes with 1008 (policy violation): the room stays closed, no retry. */
export const ClosedByPolicy: Story = {
  play: async ({ canvasElement }) => {
    const { press, shows } = await join(canvasElement)
    await press('Close 1008')
    await shows('chat-status', 'closed')
  },
}

/** A bot floods the room with 100 messages at once. */
export const Burst: Story = {
  play: async ({ canvasElement }) => {
    const { press, shows } = await join(canvasElement)
    await press('Burst')
    await shows('chat-log', 'bot: burst 100/100')
  },
}

/** The server sends `{bad`: the room ignores a frame that is not JSON and the link stays up. */
export const BadJson: Story = {
  play: async ({ canvasElement }) => {
    const { press, shows } = await join(canvasElement)
    await press('Bad JSON')
    await shows('chat-status', 'open')
  },
}

/**
 * With a session, the link is cut: the room reconnects and its session is resumed, so nothing the
 * server sent meanwhile is lost (the lifecycle panel says `resumed`), and no rejoin notice shows.
 */
export const SessionResumed: Story = {
  args: { sessions: true },
  play: async ({ canvasElement }) => {
    const { press, shows } = await join(canvasElement)
    await shows('session', 'new session')
    await press('Kill link')
    await shows('timeline', 'session resumed')
    await shows('session', 'resumed')
  },
}

/**
 * With a session, the server goes down and comes back without the sessions it held in memory:
 * the panel says `new session` and the chat says that lines may be missing.
 */
export const NewSessionAfterRestart: Story = {
  args: { sessions: true },
  play: async ({ canvasElement }) => {
    const { press, shows } = await join(canvasElement)
    await press('Stop server')
    await shows('chat-status', /reconnecting|connecting/)
    await press('Start server')
    await shows('chat-log', 'may be missing')
    await shows('session', 'new session')
  },
}
