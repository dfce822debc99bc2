import { connect as connectTcp, type Socket } from 'node:net'
import { registerCleanup } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { connect, startServer } from './testSupport.js'

const cleanup = registerCleanup()

/** How an upgrade from `localAddress` ends: `'open'`, or the HTTP status or error that refused it. */
function attempt(url: string, localAddress: string): Promise<string> {
  const socket = new WebSocket(url, { localAddress })
  cleanup.push(() => socket.terminate())
  return new Promise((resolve) => {
    socket.once('open', () => resolve('open'))
    socket.once('unexpected-response', (request, response) => {
      resolve(String(response.statusCode))
      request.destroy()
    })
    socket.once('error', (error) => resolve(error.message))
  })
}

/** Retries `outcome` until it gives `expected`; rejects with the last outcome after `timeout` ms. */
async function eventually(outcome: () => Promise<string>, expected: string, timeout = 2_000) {
  const deadline = Date.now() + timeout
  let last = await outcome()
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    last = await outcome()
  }
  expect(last).toBe(expected)
}

/** A raw TCP connection that sends `head` and then nothing; resolves with how long it was held. */
function unfinished(port: number, head: string, localAddress = '127.0.0.1'): Promise<number> {
  const started = Date.now()
  const socket: Socket = connectTcp({ host: '127.0.0.1', port, localAddress })
  cleanup.push(() => socket.destroy())
  socket.on('error', () => {})
  socket.on('data', () => {})
  socket.on('connect', () => socket.write(head))
  return new Promise((resolve) => socket.once('close', () => resolve(Date.now() - started)))
}

describe('connections per address', () => {
  it('holds at most `open` connections from one address; other addresses are served', async () => {
    const server = await startServer(cleanup, {
      addressLimits: { open: 4, rate: { perSecond: 100, burst: 100 } },
    })
    const url = `${server.url}/lab`
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => attempt(url, '127.0.0.2')))
    expect(outcomes.filter((o) => o === 'open')).toHaveLength(4)
    expect(outcomes.filter((o) => o === '429')).toHaveLength(2)
    expect(await attempt(url, '127.0.0.3')).toBe('open')
    expect(server.metrics().connectionsRefused).toBe(2)
  })

  it('frees the place of a connection that closed', async () => {
    const server = await startServer(cleanup, {
      addressLimits: { open: 1, rate: { perSecond: 100, burst: 100 } },
    })
    const url = `${server.url}/lab`
    const first = await connect(cleanup, url, { localAddress: '127.0.0.4' })
    expect(await attempt(url, '127.0.0.4')).toBe('429')
    first.socket.close()
    await first.closed
    await eventually(() => attempt(url, '127.0.0.4'), 'open')
  })

  it('limits how fast one address opens new connections', async () => {
    const server = await startServer(cleanup, {
      addressLimits: { open: 100, rate: { perSecond: 0.1, burst: 3 } },
    })
    const url = `${server.url}/lab`
    const outcomes: string[] = []
    for (let i = 0; i < 5; i++) {
      const outcome = await attempt(url, '127.0.0.5')
      outcomes.push(outcome)
    }
    expect(outcomes).toEqual(['open', 'open', 'open', '429', '429'])
  })

  it('counts unfinished upgrades too, and cuts them off after upgradeTimeout', async () => {
    const server = await startServer(cleanup, {
      upgradeTimeout: 500,
      addressLimits: { open: 2, rate: { perSecond: 100, burst: 100 } },
    })
    const half = 'GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n'
    const held = [
      unfinished(server.port, half, '127.0.0.6'),
      unfinished(server.port, '', '127.0.0.6'),
    ]
    // Both places of that address are taken by connections that never finish their request.
    await eventually(() => attempt(`${server.url}/lab`, '127.0.0.6'), '429', 300)
    for (const duration of await Promise.all(held)) {
      expect(duration).toBeGreaterThanOrEqual(400)
      expect(duration).toBeLessThan(2_500)
    }
    expect(await attempt(`${server.url}/lab`, '127.0.0.6')).toBe('open')
  })
})

describe('/metrics access', () => {
  const metrics = (url: string, host?: string) =>
    new Promise<number>((resolve, reject) => {
      const { port } = new URL(url)
      const socket = connectTcp({ host: '127.0.0.1', port: Number(port) })
      cleanup.push(() => socket.destroy())
      let answer = ''
      socket.on('data', (chunk) => {
        answer += chunk
        const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)
        if (status?.[1]) resolve(Number(status[1]))
      })
      socket.on('error', reject)
      socket.write(
        `GET /metrics HTTP/1.1\r\n${host === undefined ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`,
      )
    })

  it('answers requests naming a loopback Host, and refuses the others with 403', async () => {
    const server = await startServer(cleanup)
    expect(await metrics(server.url, `127.0.0.1:${server.port}`)).toBe(200)
    expect(await metrics(server.url, `localhost:${server.port}`)).toBe(200)
    expect(await metrics(server.url, `[::1]:${server.port}`)).toBe(200)
    // DNS rebinding: a page of evil.example resolved to 127.0.0.1 still sends its own Host.
    expect(await metrics(server.url, `evil.example:${server.port}`)).toBe(403)
    expect(await metrics(server.url, '10.0.0.5')).toBe(403)
    expect(await metrics(server.url, '127.0.0.1.evil.example')).toBe(403)
    const health = await fetch(`${server.url.replace('ws:', 'http:')}/health`)
    expect(health.status).toBe(200)
  })

  it('asks metricsAccess when given one', async () => {
    const server = await startServer(cleanup, {
      metricsAccess: (request) => request.headers.host === 'metrics.internal',
    })
    expect(await metrics(server.url, 'metrics.internal')).toBe(200)
    expect(await metrics(server.url, `127.0.0.1:${server.port}`)).toBe(403)
  })
})
