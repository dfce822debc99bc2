import type { Status } from '@lifeline/core'
import { describe, expect, it } from 'vitest'
import { labControls } from './labControls.js'

// From the classic WebSocket test page, plus the rule that every status that goes on by itself
// (an attempt, a planned retry, an open link that would reconnect) can be stopped.
const TABLE: ReadonlyArray<[Status, string, string, string]> = [
  //  status          Connect    Send       Close/Stop
  ['idle', 'enabled', 'disabled', 'Close disabled'],
  ['connecting', 'disabled', 'disabled', 'Stop enabled'],
  ['open', 'disabled', 'enabled', 'Close enabled'],
  ['reconnecting', 'disabled', 'disabled', 'Stop enabled'],
  ['closing', 'enabled', 'disabled', 'Close disabled'],
  ['closed', 'enabled', 'disabled', 'Close disabled'],
]

const word = (enabled: boolean) => (enabled ? 'enabled' : 'disabled')

describe('labControls', () => {
  it.each(TABLE)('%s: Connect %s, Send %s, %s', (status, connect, send, stop) => {
    const controls = labControls(status)
    expect(word(controls.connect)).toBe(connect)
    expect(word(controls.send)).toBe(send)
    expect(`${controls.stopLabel} ${word(controls.stop)}`).toBe(stop)
  })
})
