import type { Status } from '@lifeline/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { StatusBadge } from '../../chat/src/StatusBadge.js'

/** Every status Lifeline reports, in the order a connection goes through them. */
const STATUSES: readonly Status[] = [
  'idle',
  'connecting',
  'open',
  'reconnecting',
  'closing',
  'closed',
]

/**
 * The status badge is pure display, so its stories set `status` directly. The live stories of
 * LifecyclePanel, LabPage and ChatRoom show it driven by a real connection.
 */
const meta = {
  title: 'Demo/StatusBadge',
  component: StatusBadge,
  tags: ['autodocs'],
  args: { status: 'open' },
  argTypes: { status: { control: 'inline-radio', options: STATUSES } },
} satisfies Meta<typeof StatusBadge>

export default meta
type Story = StoryObj<typeof meta>

/** Created with `autoConnect: false`, or no URL yet. */
export const Idle: Story = { args: { status: 'idle' } }
/** An attempt is under way. */
export const Connecting: Story = { args: { status: 'connecting' } }
/** The socket is open. */
export const Open: Story = { args: { status: 'open' } }
/** Waiting for the next attempt, or for the network. */
export const Reconnecting: Story = { args: { status: 'reconnecting' } }
/** `disconnect()` waits for the close handshake (1 s at most). */
export const Closing: Story = { args: { status: 'closing' } }
/** By `disconnect()`, by `shouldReconnect`, or attempts exhausted. */
export const Closed: Story = { args: { status: 'closed' } }

/** All six side by side, each with its own `testId`. */
export const AllStatuses: Story = {
  render: () => (
    <div style={{ display: 'flex', gap: 8 }}>
      {STATUSES.map((status) => (
        <StatusBadge key={status} status={status} testId={`badge-${status}`} />
      ))}
    </div>
  ),
}
