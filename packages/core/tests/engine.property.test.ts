import { createManualTimers } from '@lifeline/test-utils/browser'
import { createFakeNetwork, createFakeWebSocket, type FakeSocket } from '@lifeline/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createLifeline, type NetworkSignal, type Status } from '../src/index.js'

type Action =
  | { kind: 'connect' }
  | { kind: 'disconnect' }
  | { kind: 'send' }
  | { kind: 'open' }
  | { kind: 'message' }
  | { kind: 'pong' }
  | { kind: 'fail' }
  | { kind: 'server-close'; code: number }
  | { kind: 'finish-close' }
  | { kind: 'advance'; ms: number }
  | { kind: 'next-timer' }
  | { kind: 'network'; signal: NetworkSignal }

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant({ kind: 'connect' } as const),
  fc.constant({ kind: 'disconnect' } as const),
  fc.constant({ kind: 'send' } as const),
  fc.constant({ kind: 'open' } as const),
  fc.constant({ kind: 'message' } as const),
  fc.constant({ kind: 'pong' } as const),
  fc.constant({ kind: 'fail' } as const),
  fc
    .constantFrom(1000, 1006, 1008, 1011, 4401)
    .map((code) => ({ kind: 'server-close' as const, code })),
  fc.constant({ kind: 'finish-close' } as const),
  fc.integer({ min: 1, max: 40_000 }).map((ms) => ({ kind: 'advance' as const, ms })),
  fc.constant({ kind: 'next-timer' } as const),
  fc.constantFrom<NetworkSignal>('online', 'offline', 'visible').map((signal) => ({
    kind: 'network' as const,
    signal,
  })),
)

const STATUSES: readonly Status[] = [
  'idle',
  'connecting',
  'open',
  'reconnecting',
  'closing',
  'closed',
]

/** Sockets the engine still listens to, closing ones left to finish their handshake included. */
const attached = (sockets: readonly FakeSocket[]): FakeSocket[] =>
  sockets.filter((s) => s.listenerCount('message') > 0 && s.readyState < 3)
/** Sockets the engine still uses: at most one may exist at any time. */
const live = (sockets: readonly FakeSocket[]): FakeSocket[] =>
  attached(sockets).filter((s) => s.readyState < 2)

function simulate(actions: readonly Action[], queueSize: number): void {
  const fake = createFakeWebSocket()
  const timers = createManualTimers()
  const network = createFakeNetwork()
  const line = createLifeline('ws://127.0.0.1:1/', {
    WebSocket: fake.WebSocket,
    timers,
    environment: network,
    random: () => 0.5,
    heartbeat: { interval: 1_000, timeout: 500 },
    connectTimeout: 2_000,
    queue: { maxSize: queueSize },
  })
  let nextId = 0
  for (const a of actions) {
    const socket = live(fake.sockets)[0]
    switch (a.kind) {
      case 'connect':
        line.connect()
        break
      case 'disconnect':
        line.disconnect()
        break
      case 'send':
        line.send(`m${nextId++}`)
        break
      case 'open':
        if (socket?.readyState === 0) socket.open()
        break
      case 'message':
        if (socket?.readyState === 1) socket.receive('{"x":1}')
        break
      case 'pong':
        if (socket?.readyState === 1) socket.receive('pong')
        break
      case 'fail':
        socket?.fail()
        break
      case 'server-close':
        if (socket?.readyState === 1) socket.serverClose(a.code)
        break
      case 'finish-close':
        for (const s of fake.sockets)
          if (s.readyState === 2 && s.listenerCount('close') > 0) s.finishClose()
        break
      case 'advance':
        timers.advance(a.ms)
        break
      case 'next-timer':
        timers.runNext()
        break
      case 'network':
        network.signal(a.signal)
        break
    }
    const state = line.store.getState()
    expect(live(fake.sockets).length).toBeLessThanOrEqual(1)
    // Besides the current socket, at most one left by connect() to finish its close handshake.
    expect(attached(fake.sockets).length).toBeLessThanOrEqual(2)
    expect(STATUSES).toContain(state.status)
    if (state.status === 'open') expect(live(fake.sockets)[0]?.readyState).toBe(1)
    if (state.status === 'reconnecting') expect(state.retryAt !== null || !state.online).toBe(true)
    if (state.status !== 'reconnecting') expect(state.retryAt).toBeNull()
    expect(state.queued).toBeLessThanOrEqual(queueSize)
  }

  // Everything that reached a socket went out once, in the order it was sent.
  const delivered = fake.sockets
    .flatMap((s) => s.sent)
    .filter((d): d is string => typeof d === 'string' && d.startsWith('m'))
    .map((d) => Number(d.slice(1)))
  expect(delivered).toEqual([...new Set(delivered)].sort((x, y) => x - y))

  line.destroy()
  expect(timers.pending()).toBe(0)
  expect(network.listening()).toBe(false)
  expect(attached(fake.sockets)).toEqual([])
  expect(line.store.getState().status).toBe('closed')
}

describe('engine invariants under random event sequences', () => {
  it('one live socket, valid status, no timer after destroy, queue order kept', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 80 }), fc.integer({ min: 0, max: 5 }), simulate),
      { numRuns: 400 },
    )
  })
})
