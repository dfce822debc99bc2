import { waitFor } from '@lifeline/testing'
import { connectClient } from '@lifeline/testing/node'
import { afterEach, describe, expect, it } from 'vitest'
import { delay } from './index.js'
import { startServerProcess } from './startServerProcess.js'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))
})

describe('startServerProcess', () => {
  it('runs an echo + heartbeat server in a child process', async () => {
    const server = await startServerProcess()
    cleanups.push(() => server.kill())
    expect(server.pid).not.toBe(process.pid)
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}`)
    const client = await connectClient(server.url)
    client.socket.send('hello')
    client.socket.send('ping')
    await waitFor(() => client.messages.length >= 2)
    expect(client.messages).toEqual(['hello', 'pong'])
    client.socket.terminate()
  })

  it('pause() leaves pings unanswered with the link up; resume() answers them', async () => {
    const server = await startServerProcess()
    cleanups.push(() => server.kill())
    const client = await connectClient(server.url)
    server.pause()
    client.socket.send('ping')
    await delay(300)
    expect(client.messages).toEqual([])
    expect(client.socket.readyState).toBe(client.socket.OPEN)
    server.resume()
    await waitFor(() => client.messages[0])
    expect(client.messages).toEqual(['pong'])
    client.socket.terminate()
  })

  it('kill() works while paused and the client sees 1006', async () => {
    const server = await startServerProcess()
    const client = await connectClient(server.url)
    server.pause()
    await Promise.all([server.kill(), server.kill()])
    expect(await client.closed).toBe(1006)
    expect(() => process.kill(server.pid, 0)).toThrow()
  })

  it('rejects when the child cannot listen', async () => {
    const first = await startServerProcess()
    cleanups.push(() => first.kill())
    await expect(startServerProcess({ port: first.port })).rejects.toThrow(
      /exited before printing READY.*EADDRINUSE/,
    )
  })
})
