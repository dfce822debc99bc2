import { createLifeline } from '@lifeline/core'
import {
  createFakeNetwork,
  createFakeWebSocket,
  waitForState,
  waitForStatus,
} from '@lifeline/testing'
import { describe, expect, it } from 'vitest'

function setup() {
  const fake = createFakeWebSocket({ autoFinishClose: true })
  const line = createLifeline('ws://test', {
    WebSocket: fake.WebSocket,
    environment: createFakeNetwork(),
    reconnect: { minDelay: 60_000, jitter: 0 },
  })
  return { fake, line }
}

describe('waitForStatus and waitForState', () => {
  it('resolve at once when the state already passes, else at the change that makes it pass', async () => {
    const { fake, line } = setup()
    expect((await waitForStatus(line, 'connecting')).status).toBe('connecting')
    const opened = waitForStatus(line.store, ['open', 'closed'])
    fake.last()?.open()
    expect((await opened).status).toBe('open')
    const queued = waitForState(line, (s) => s.lastMessage === 'hi')
    fake.last()?.receive('hi')
    expect((await queued).lastMessage).toBe('hi')
    line.destroy()
  })

  it('fail with what was awaited, how long, the statuses seen and the last state', async () => {
    const { fake, line } = setup()
    fake.last()?.open()
    fake.last()?.serverClose(4001, 'go away')
    line.send('kept')
    await expect(waitForStatus(line, 'open', { timeout: 50 })).rejects.toThrow(
      "waitForStatus: status never became 'open' (after 50 ms; statuses seen: reconnecting; last state: status 'reconnecting', attempt 1, last close 4001 \"go away\", 1 queued)",
    )
    const later = waitForState(line, (s) => s.queued === 0, {
      timeout: 50,
      message: 'the queue emptied',
    })
    line.connect()
    await expect(later).rejects.toThrow(
      /^the queue emptied \(after 50 ms; statuses seen: reconnecting → connecting; last state: status 'connecting', attempt 2, last close 4001 "go away", 1 queued\)$/,
    )
    line.destroy()
  })

  it('a check that throws counts as not yet', async () => {
    const { fake, line } = setup()
    const open = waitForState(line, (s) => {
      expect(s.status).toBe('open')
      return true
    })
    fake.last()?.open()
    expect((await open).status).toBe('open')
    line.destroy()
  })
})
