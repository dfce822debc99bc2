// The demo server as an attacker would use it: frames of any shape and size must never throw out
// of a handler or stop the process, and a handler's bug costs only the connection it happened on.

import { registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'
import { HEARTBEAT, parseClientMessage } from '../src/protocol.js'
import { connect, startServer } from './testSupport.js'

const cleanup = registerCleanup()

const nested = (depth: number, open = '[', close = ']'): string =>
  `${open.repeat(depth)}${close.repeat(depth)}`

/** What the server sends back to a probe: proof it still serves. */
async function stillServing(url: string): Promise<void> {
  const probe = await connect(cleanup, `${url}/chat`)
  probe.socket.send(HEARTBEAT.ping)
  expect((await probe.next()).data).toBe(HEARTBEAT.pong)
}

describe('frames an attacker sends', () => {
  it.each([
    ['a type nested 5,000 arrays deep (10 KB)', `{"type":${nested(5_000)}}`],
    // 2,500 levels of 6 bytes: under the 16 KiB frame limit.
    [
      'a type nested 2,500 objects deep',
      `{"type":${nested(2_500, '{"a":', '}').replace('{"a":}', '{"a":1}')}}`,
    ],
    ['a top-level array 8,000 deep', nested(8_000)],
    ['a name nested deep', `{"type":"join","room":"r","name":${nested(5_000)}}`],
    ['a text nested deep', `{"type":"say","ref":"r","text":${nested(5_000)}}`],
    ['a ref nested deep', `{"type":"say","ref":${nested(5_000)},"text":"hi"}`],
    ['a key nested deep', `{"type":"join","room":"r","name":"n","key":${nested(5_000)}}`],
  ])('%s gets an error frame and the link stays up', async (_, frame) => {
    const server = await startServer(cleanup)
    const client = await connect(cleanup, `${server.url}/chat`)
    client.socket.send(frame)
    const reply = await client.nextJson()
    expect(reply).toMatchObject({ type: 'error', code: expect.stringMatching(/^bad-/) })
    expect(JSON.stringify(reply).length).toBeLessThan(300)
    expect(client.socket.readyState).toBe(WebSocket.OPEN)
    await stillServing(server.url)
  })

  it('parseClientMessage is total over any JSON value and any text', () => {
    const text = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .record({
          type: fc.constantFrom('join', 'say', 'leave'),
          room: fc.jsonValue(),
          name: fc.jsonValue(),
          key: fc.jsonValue(),
          ref: fc.jsonValue(),
          text: fc.jsonValue(),
        })
        .map((value) => JSON.stringify(value)),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString()),
      fc.integer({ min: 1, max: 20_000 }).map((depth) => `{"type":${nested(depth)}}`),
    )
    fc.assert(
      fc.property(text, (frame) => {
        const parsed = parseClientMessage(frame)
        if (parsed.ok) expect(['join', 'say', 'leave']).toContain(parsed.message.type)
        else expect(parsed.message.length).toBeLessThan(200)
      }),
      { numRuns: 2_000 },
    )
  })

  it('any sequence of arbitrary frames on /chat and /lab leaves the server serving', async () => {
    // One connection per run, all from 127.0.0.1: the per-address limits are not under test here.
    const server = await startServer(cleanup, {
      addressLimits: { open: 100, rate: { perSecond: 1_000, burst: 1_000 } },
    })
    const frame = fc.oneof(
      fc
        .jsonValue()
        .map((value) => ({ data: JSON.stringify(value) as string | Buffer, binary: false })),
      fc
        .record({
          type: fc.constantFrom('join', 'say', 'leave', 'heartbeat'),
          room: fc.jsonValue(),
          name: fc.string(),
          ref: fc.jsonValue(),
          text: fc.string(),
        })
        .map((value) => ({ data: JSON.stringify(value) as string | Buffer, binary: false })),
      fc
        .uint8Array({ maxLength: 300 })
        .map((bytes) => ({ data: Buffer.from(bytes), binary: true })),
      // Bytes in a text frame: ws closes a connection whose text is not UTF-8 with 1007.
      fc
        .uint8Array({ maxLength: 64 })
        .map((bytes) => ({ data: Buffer.from(bytes), binary: false })),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/chat', '/lab'),
        fc.array(frame, { minLength: 1, maxLength: 10 }),
        async (path, frames) => {
          const client = new WebSocket(`${server.url}${path}`)
          cleanup.push(() => client.terminate())
          client.on('error', () => {})
          await new Promise((resolve) => client.once('open', resolve))
          const closed = new Promise<number>((resolve) => client.once('close', resolve))
          for (const { data, binary } of frames) client.send(data, { binary })
          client.send(path === '/chat' ? HEARTBEAT.ping : 'ping')
          const answered = new Promise<string>((resolve) =>
            client.on('message', (data) => {
              const text = String(data)
              if (text === HEARTBEAT.pong || text === 'pong') resolve('answered')
            }),
          )
          const outcome = await Promise.race([answered, closed.then(String)])
          expect(['answered', '1007']).toContain(outcome)
          client.terminate()
        },
      ),
      { numRuns: 60 },
    )
    await stillServing(server.url)
    expect(server.metrics().handlerErrors).toBe(0)
  })
})

describe('a bug in a handler', () => {
  it('closes only that connection with 1011, logs it, and the server and the room go on', async () => {
    const errors: unknown[] = []
    const server = await startServer(cleanup, { onError: (error) => errors.push(error) })
    const url = `${server.url}/chat`
    const bystander = await connect(cleanup, url)
    bystander.sendJson({ type: 'join', room: 'r', name: 'bystander' })
    await bystander.nextJson()
    // A bug deep inside the join handler, for one name only: String#normalize throws on it.
    const normalize = String.prototype.normalize
    const spy = vi.spyOn(String.prototype, 'normalize').mockImplementation(function (
      this: string,
      form?: string,
    ) {
      if (this.includes('trigger')) throw new Error('a bug in the join handler')
      return normalize.call(this, form)
    })
    cleanup.push(() => spy.mockRestore())
    const victim = await connect(cleanup, url)
    victim.sendJson({ type: 'join', room: 'r', name: 'trigger' })
    expect(await victim.closed).toBe(1011)
    spy.mockRestore()
    expect(errors).toHaveLength(1)
    expect(String(errors[0])).toContain('a bug in the join handler')
    expect(server.metrics().handlerErrors).toBe(1)
    bystander.sendJson({ type: 'say', ref: 'still', text: 'anyone?' })
    expect(await bystander.nextJson()).toMatchObject({ type: 'message', ref: 'still' })
    await stillServing(server.url)
  })

  it('a bug in the close handler is logged too, and ends nothing else', async () => {
    const errors: unknown[] = []
    const server = await startServer(cleanup, { onError: (error) => errors.push(error) })
    const url = `${server.url}/chat`
    const leaver = await connect(cleanup, url)
    leaver.sendJson({ type: 'join', room: 'r', name: 'leaver' })
    await leaver.nextJson()
    const other = await connect(cleanup, url)
    other.sendJson({ type: 'join', room: 'r', name: 'other' })
    await other.nextJson()
    // Serialising the 'left' notice for the others throws: a bug on the close path.
    const stringify = JSON.stringify
    const spy = vi.spyOn(JSON, 'stringify').mockImplementation((value, ...rest) => {
      if ((value as { type?: unknown } | null)?.type === 'left')
        throw new Error('a bug in the close handler')
      return stringify(value, ...(rest as [undefined]))
    })
    cleanup.push(() => spy.mockRestore())
    leaver.socket.close()
    await waitFor(() => errors.length === 1, { timeout: 2_000 })
    spy.mockRestore()
    expect(String(errors[0])).toContain('a bug in the close handler')
    expect(server.metrics().handlerErrors).toBe(1)
    other.sendJson({ type: 'say', ref: 'after', text: 'still here' })
    expect(await other.nextJson()).toMatchObject({ type: 'message', ref: 'after' })
    await stillServing(server.url)
  })
})
