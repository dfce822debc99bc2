import { waitFor } from '@lifeline/testing'
import { startBlackHole } from '@lifeline/testing/node'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'

describe('startBlackHole', () => {
  it('accepts the TCP connection but never completes the upgrade', async () => {
    const hole = await startBlackHole()
    expect(hole.url).toBe(`ws://127.0.0.1:${hole.port}`)
    const client = new WebSocket(hole.url, { handshakeTimeout: 200 })
    const opened: string[] = []
    client.on('open', () => opened.push('open'))
    const error = new Promise<Error>((resolve) => client.once('error', resolve))
    const closed = new Promise<number>((resolve) => client.once('close', resolve))
    await waitFor(() => hole.connections === 1)
    expect((await error).message).toBe('Opening handshake has timed out')
    expect(await closed).toBe(1006)
    expect(opened).toEqual([])
    await hole.close()
  })

  it('close() destroys sockets still waiting', async () => {
    const hole = await startBlackHole()
    const client = new WebSocket(hole.url)
    client.on('error', () => {})
    const closed = new Promise<number>((resolve) => client.once('close', resolve))
    await waitFor(() => hole.connections === 1)
    await Promise.all([hole.close(), hole.close()])
    expect(await closed).toBe(1006)
  })
})
