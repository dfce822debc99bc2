import { registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { attachHeartbeat } from '../src/index.js'
import { connectClient, startServer, stats } from './harness.js'

const cleanup = registerCleanup()
const INTERVAL = 100
const CONNECTIONS = 300

describe('attachHeartbeat: the sweep in slices', () => {
  it(`pings each of ${CONNECTIONS} connections every sweep and ends only the frozen ones`, async () => {
    const server = await startServer(cleanup)
    const clients = await Promise.all(
      Array.from({ length: CONNECTIONS }, () => connectClient(server.url, cleanup)),
    )
    const heartbeat = attachHeartbeat(server.wss, { interval: INTERVAL })
    cleanup.push(() => heartbeat.stop())
    const frozen = [clients[7], clients[150], clients[299]]
    for (const client of frozen) client?.freeze()
    await waitFor(() => heartbeat.stats().terminated === frozen.length, { timeout: 2_000 })
    // Three more sweeps: every other client answered every ping and is still there.
    const pingsBefore = clients.map((client) => client.pings())
    await new Promise((resolve) => setTimeout(resolve, 3.5 * INTERVAL))
    const alive = clients.filter((client) => !frozen.includes(client))
    for (const client of alive) {
      expect(client.socket.readyState).toBe(WebSocket.OPEN)
      expect(client.pings() - (pingsBefore[clients.indexOf(client)] ?? 0)).toBeGreaterThanOrEqual(3)
    }
    expect(heartbeat.stats()).toEqual(
      stats({ active: CONNECTIONS - 3, total: CONNECTIONS, terminated: 3 }),
    )
  })
})
