// The server of the sweep scenario, in its own process so that its event loop carries nothing but
// the sockets and the sweep. It accepts any number of idle connections and, on request, runs one
// sweeper over them while it measures how late a 1 ms timer fires (the event loop's stalls):
//   'none'      no sweep (the noise floor of an idle server with these sockets),
//   'one-loop'  the heartbeat of ws's README: every interval, one synchronous loop over every client,
//   'lifeline'  attachHeartbeat from @lifeline/server (the workspace dist).
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { attachHeartbeat } from '@lifeline/server'
import { type WebSocket, WebSocketServer } from 'ws'

/** A request from the scenario process. */
export type SweepRequest =
  | { readonly type: 'clients'; readonly id: number }
  | {
      readonly type: 'measure'
      readonly id: number
      readonly sweeper: Sweeper
      readonly interval: number
      readonly window: number
    }

/** The ways of sweeping the server compares. */
export type Sweeper = 'none' | 'one-loop' | 'lifeline'

/** What one measurement window gave. */
export interface SweepMeasurement {
  /** The longest event-loop stall seen, in ms (how late the 1 ms timer fired at worst). */
  readonly maxStall: number
  /** The 99th percentile of the timer's lateness, in ms. */
  readonly p99: number
  /** Connections the sweeper ended during the window (all of them answer: expected 0). */
  readonly terminated: number
  /** Connections open at the end of the window. */
  readonly open: number
}

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
wss.on('connection', (socket) => socket.on('error', () => {}))

/** The sweep of ws's README, as most servers write it: one loop over every client per interval. */
function startOneLoop(interval: number): { stop(): void; terminated(): number } {
  const alive = new WeakMap<WebSocket, boolean>()
  let terminated = 0
  const onPong = function (this: WebSocket): void {
    alive.set(this, true)
  }
  for (const socket of wss.clients) {
    alive.set(socket, true)
    socket.on('pong', onPong)
  }
  const timer = setInterval(() => {
    for (const socket of wss.clients) {
      if (alive.get(socket) === false) {
        terminated++
        socket.terminate()
        continue
      }
      alive.set(socket, false)
      socket.ping()
    }
  }, interval)
  return {
    stop() {
      clearInterval(timer)
      for (const socket of wss.clients) socket.off('pong', onPong)
    },
    terminated: () => terminated,
  }
}

function startSweeper(sweeper: Sweeper, interval: number): { stop(): void; terminated(): number } {
  if (sweeper === 'one-loop') return startOneLoop(interval)
  if (sweeper === 'lifeline') {
    const heartbeat = attachHeartbeat(wss, { interval })
    return { stop: () => heartbeat.stop(), terminated: () => heartbeat.stats().terminated }
  }
  return { stop() {}, terminated: () => 0 }
}

async function measure(
  request: Extract<SweepRequest, { type: 'measure' }>,
): Promise<SweepMeasurement> {
  const sweeper = startSweeper(request.sweeper, request.interval)
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  histogram.enable()
  await new Promise((resolve) => setTimeout(resolve, request.window))
  histogram.disable()
  const terminated = sweeper.terminated()
  sweeper.stop()
  // The histogram counts the 1 ms resolution itself in every sample: what is left is the stall.
  const late = (nanoseconds: number): number => Math.max(0, nanoseconds / 1e6 - 1)
  return {
    maxStall: late(histogram.max),
    p99: late(histogram.percentile(99)),
    terminated,
    open: wss.clients.size,
  }
}

process.on('message', (request: SweepRequest) => {
  if (request.type === 'clients') {
    process.send?.({ type: 'clients', id: request.id, open: wss.clients.size })
    return
  }
  void measure(request).then((result) =>
    process.send?.({ type: 'measured', id: request.id, result }),
  )
})
wss.on('listening', () => {
  const address = wss.address()
  process.send?.({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 })
})
process.on('disconnect', () => process.exit(0))
