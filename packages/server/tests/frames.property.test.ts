// Property tests: whatever a client sends, in any shape `ws` hands it over, the heartbeat's parsers
// neither throw nor misjudge, and a real server keeps serving.

import { registerCleanup } from '@lifeline/test-utils'
import { waitFor } from '@lifeline/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { frameSize, frameText, textMatcher } from '../src/frames.js'
import { attachHeartbeat } from '../src/index.js'
import { startServer } from './harness.js'

const cleanup = registerCleanup()

/** A frame's payload as `ws` may deliver it: a Buffer, an ArrayBuffer, or fragments. */
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Uint8Array.from(bytes).buffer),
  fc.array(
    fc.uint8Array({ maxLength: 16 }).map((bytes) => Buffer.from(bytes)),
    { maxLength: 4 },
  ),
  fc.string({ unit: 'binary', maxLength: 64 }),
)

/** Any JSON value as text, and deeply nested arrays and objects (a parser must not recurse on them). */
const jsonText = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.integer({ min: 1, max: 50_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc
    .integer({ min: 1, max: 20_000 })
    .map((depth) => `${'{"type":'.repeat(depth)}"heartbeat"${'}'.repeat(depth)}`),
)

describe('heartbeat parsers', () => {
  it('frameSize and frameText agree with Buffer on every payload shape, and never throw', () => {
    fc.assert(
      fc.property(payload, (data) => {
        if (typeof data === 'string') {
          expect(frameSize(data)).toBe(Buffer.byteLength(data))
          expect(frameText(data)).toBe(data)
          return
        }
        const bytes = Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.isBuffer(data)
            ? data
            : Buffer.from(new Uint8Array(data))
        expect(frameSize(data)).toBe(bytes.length)
        expect(frameText(data)).toBe(bytes.toString())
      }),
    )
  })

  it('a fixed ping matches exactly its own text, in any shape, and nothing else', () => {
    const isPing = textMatcher('ping')
    fc.assert(
      fc.property(
        fc.oneof(payload, fc.constant(Buffer.from('ping')), fc.constant('ping')),
        (data) => {
          expect(isPing(data)).toBe(frameText(data) === 'ping')
        },
      ),
    )
  })

  it('a JSON predicate that throws on most inputs means "not a heartbeat", never a throw', () => {
    const isHeartbeat = textMatcher((text) => JSON.parse(text).type === 'heartbeat')
    fc.assert(
      fc.property(fc.oneof(payload, jsonText), (data) => {
        const result = isHeartbeat(data)
        expect(typeof result).toBe('boolean')
        if (result) expect(JSON.parse(frameText(data)).type).toBe('heartbeat')
      }),
      { numRuns: 300 },
    )
  })

  it('takes anything at all, not only what ws delivers', () => {
    const isPing = textMatcher('ping')
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(isPing(value)).toBe(false)
        expect(Number.isFinite(frameSize(value))).toBe(true)
      }),
    )
  })
})

describe('a real server under arbitrary frames', () => {
  it('answers heartbeats and stays up whatever came before', async () => {
    const server = await startServer(cleanup)
    const heartbeat = attachHeartbeat(server.wss, {
      interval: 60_000,
      ping: (text) => JSON.parse(text).type === 'heartbeat',
      pong: (text) => `ack:${JSON.parse(text).type}`,
      rateLimit: { frames: { perSecond: 10_000, burst: 10_000 } },
      backpressure: true,
    })
    cleanup.push(() => heartbeat.stop())
    server.wss.on('connection', (socket) =>
      heartbeat.handle(socket, {
        message: (data) => heartbeat.send(socket, `app:${frameSize(data)}`),
      }),
    )
    const frame = fc.oneof(
      jsonText.map((text) => ({ data: text as string | Buffer, binary: false })),
      fc
        .uint8Array({ maxLength: 256 })
        .map((bytes) => ({ data: Buffer.from(bytes), binary: true })),
      // Text frames with arbitrary bytes: invalid UTF-8 makes ws close that connection with 1007.
      fc
        .uint8Array({ maxLength: 64 })
        .map((bytes) => ({ data: Buffer.from(bytes), binary: false })),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 8 }), async (frames) => {
        const client = new WebSocket(server.url)
        cleanup.push(() => client.terminate())
        client.on('error', () => {})
        const received: string[] = []
        client.on('message', (data) => received.push(String(data)))
        await new Promise((resolve) => client.once('open', resolve))
        for (const { data, binary } of frames) client.send(data, { binary })
        client.send('{"type":"heartbeat"}')
        const closed = new Promise<number>((resolve) => client.once('close', resolve))
        const answered = waitFor(() => received.includes('ack:heartbeat'), { timeout: 2_000 })
        const outcome = await Promise.race([answered.then(() => 'answered'), closed.then(String)])
        // Either the heartbeat was answered, or ws closed the link for a protocol error.
        expect(['answered', '1007']).toContain(outcome)
        client.terminate()
      }),
      { numRuns: 40 },
    )
    // And the server still serves a newcomer.
    const last = new WebSocket(server.url)
    cleanup.push(() => last.terminate())
    const reply = new Promise<string>((resolve) =>
      last.once('message', (data) => resolve(String(data))),
    )
    await new Promise((resolve) => last.once('open', resolve))
    last.send('{"type":"heartbeat"}')
    expect(await reply).toBe('ack:heartbeat')
  })
})
