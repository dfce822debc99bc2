import type { Meta, StoryObj } from '@storybook/react-vite'
import { type LogEntry, MessageLog } from '../../chat/src/MessageLog.js'
import { BURST_SIZE } from '../src/scenario.js'

const line = (id: number, direction: LogEntry['direction'], text: string): LogEntry => ({
  id,
  direction,
  text,
})

/**
 * The lab's log is pure display, so its stories set `entries` directly; LabPage's stories fill it
 * from a live connection (OpenWithEcho, Burst).
 */
const meta = {
  title: 'Demo/MessageLog',
  component: MessageLog,
  tags: ['autodocs'],
  args: { entries: [] },
} satisfies Meta<typeof MessageLog>

export default meta
type Story = StoryObj<typeof meta>

/** Nothing sent or received yet. */
export const Empty: Story = {}

/** What the lab logs for an echo, and for sends that did not go out at once. */
export const Exchange: Story = {
  args: {
    entries: [
      line(1, 'out', 'hello'),
      line(2, 'in', 'hello'),
      line(3, 'out', 'still there? (queued)'),
      line(4, 'out', 'one too many (dropped)'),
      line(5, 'in', '[binary, 16 bytes]'),
      line(6, 'in', '{bad'),
    ],
  },
}

/** A burst of 100 received lines: the log scrolls to the newest. */
export const Burst: Story = {
  args: {
    entries: Array.from({ length: BURST_SIZE }, (_, i) =>
      line(i + 1, 'in', `burst ${i + 1}/${BURST_SIZE}`),
    ),
  },
}
