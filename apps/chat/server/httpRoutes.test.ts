import { registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'
import { connect, startServer } from './testSupport.js'

const cleanup = registerCleanup()

const httpUrl = (wsUrl: string, path: string): string => `${wsUrl.replace(/^ws:/, 'http:')}${path}`

/** The value of an unlabelled sample in a Prometheus text body. */
function sample(body: string, name: string): number | undefined {
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(body)
  return match ? Number(match[1]) : undefined
}

describe('HTTP', () => {
  it('serves /metrics in the Prometheus text format with live counts', async () => {
    const server = await startServer(cleanup)
    const a = await connect(cleanup, `${server.url}/lab`)
    const b = await connect(cleanup, `${server.url}/lab`)
    a.socket.send('one')
    a.socket.send('two')
    b.socket.send('three')
    await a.next()
    await a.next()
    await b.next()

    const response = await fetch(httpUrl(server.url, '/metrics'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const body = await response.text()
    expect(sample(body, 'lifeline_connections_active')).toBe(2)
    expect(sample(body, 'lifeline_connections_total')).toBe(2)
    expect(sample(body, 'lifeline_dead_peers_terminated_total')).toBe(0)
    expect(sample(body, 'lifeline_messages_in_total')).toBe(3)
    expect(sample(body, 'lifeline_messages_out_total')).toBe(3)
    expect(sample(body, 'lifeline_rate_limited_total')).toBe(0)
    for (const period of ['1m', '5m', '15m']) {
      expect(body).toMatch(new RegExp(`^node_load_average\\{period="${period}"\\} \\d`, 'm'))
    }
    expect(body).toContain('# TYPE lifeline_connections_total counter')

    b.socket.close()
    await waitFor(() => server.metrics().connectionsActive === 1)
    const after = await (await fetch(httpUrl(server.url, '/metrics'))).text()
    expect(sample(after, 'lifeline_connections_active')).toBe(1)
    expect(sample(after, 'lifeline_connections_total')).toBe(2)
  })

  it('counts both endpoints, a chat broadcast once per recipient', async () => {
    const server = await startServer(cleanup)
    await connect(cleanup, `${server.url}/lab`)
    const chat = await connect(cleanup, `${server.url}/chat`)
    chat.sendJson({ type: 'join', room: 'r', name: 'n' })
    await chat.nextJson()
    expect(server.metrics()).toMatchObject({ connectionsActive: 2, messagesIn: 1, messagesOut: 1 })
  })

  it('reports the longest event-loop stall since the previous scrape', async () => {
    const server = await startServer(cleanup)
    const scrape = async () =>
      sample(
        await (await fetch(httpUrl(server.url, '/metrics'))).text(),
        'nodejs_eventloop_delay_max_seconds',
      )
    await scrape()
    // The stall figure starts afresh at a scrape: let its timer tick once before stalling.
    await new Promise((resolve) => setTimeout(resolve, 30))
    // This test runs in the server's process: a busy loop here is a stall of the server.
    const until = Date.now() + 150
    while (Date.now() < until) {}
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(await scrape()).toBeGreaterThanOrEqual(0.12)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await scrape()).toBeLessThan(0.1)
  })

  it('answers /health with ok and anything else with 404', async () => {
    const server = await startServer(cleanup)
    const health = await fetch(httpUrl(server.url, '/health'))
    expect([health.status, await health.text()]).toEqual([200, 'ok'])
    expect((await fetch(httpUrl(server.url, '/'))).status).toBe(404)
    expect((await fetch(httpUrl(server.url, '/metrics/x'))).status).toBe(404)
    expect((await fetch(httpUrl(server.url, '/metrics'), { method: 'POST' })).status).toBe(404)
  })
})
