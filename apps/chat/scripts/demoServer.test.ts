import { createServer, type Server } from 'node:net'
import { registerCleanup } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createDemoServer, type DemoServer } from './demoServer.js'

const cleanup = registerCleanup()

/** A port held by another program for the test's length. */
async function takenPort(): Promise<number> {
  const holder: Server = createServer()
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
  cleanup.push(() => new Promise<void>((resolve) => holder.close(() => resolve())))
  const address = holder.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

function supervised(port: number): DemoServer {
  const server = createDemoServer({ port, env: { LOG_INTERVAL: '0' } })
  cleanup.push(() => server.kill().then(() => undefined))
  return server
}

/** Whether the lab endpoint answers a ping within `ms`. */
function answers(url: string, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url}/lab`)
    const done = (answered: boolean) => {
      clearTimeout(timer)
      socket.terminate()
      resolve(answered)
    }
    const timer = setTimeout(() => done(false), ms)
    socket.once('open', () => socket.send('ping'))
    socket.once('message', (data) => done(data.toString() === 'pong'))
    socket.once('error', () => done(false))
  })
}

describe('createDemoServer', () => {
  it('moves to a free port when the one asked for is taken, and says where', async () => {
    const taken = await takenPort()
    const server = supervised(taken)
    const status = await server.start()
    expect(status.state).toBe('running')
    expect(server.port).not.toBe(taken)
    expect(status.url).toBe(`ws://127.0.0.1:${server.port}`)
    expect(await answers(status.url ?? '', 2_000)).toBe(true)
  })

  it('is killed, frozen and thawed, and restarted on the same port', async () => {
    const server = supervised(0)
    const changes: string[] = []
    server.onChange(() => changes.push(server.status().state))
    const url = (await server.start()).url ?? ''

    expect(server.freeze(400)).toMatchObject({ state: 'frozen' })
    expect(server.status().frozenUntil).toBeGreaterThan(Date.now())
    expect(await answers(url, 250)).toBe(false)
    // The freeze ends by itself, and what waited is answered.
    await expect.poll(() => server.status().state, { timeout: 2_000 }).toBe('running')
    expect(await answers(url, 2_000)).toBe(true)

    expect((await server.kill()).state).toBe('stopped')
    expect(await answers(url, 500)).toBe(false)
    const port = server.port
    expect((await server.restart()).url).toBe(url)
    expect(server.port).toBe(port)
    expect(await answers(url, 2_000)).toBe(true)
    expect(changes).toEqual([
      'starting',
      'running',
      'frozen',
      'running',
      'stopped',
      'starting',
      'running',
    ])
  })
})
