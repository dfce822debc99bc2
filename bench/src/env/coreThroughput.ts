// The core-level throughput run: one connection of one contender, timed from its first message to
// its last. Used in a process of its own (coreThroughputChild.ts), so that no other library's run
// has shaped what the JIT made of the shared code (`ws`'s receiver and event dispatch).
import { cpuMicros, until } from '../measure.js'
import type { Contender } from '../types.js'
import { BenchWebSocket } from './sockets.js'

/** CPU per message and rate of one timed run. */
export interface ThroughputSample {
  readonly cpuPerMessage: number
  readonly perSecond: number
}

/** Counts messages; CPU and wall clock from the first message to the last (connect excluded). */
export function meter(frames: number): {
  tick(): void
  done(): boolean
  sample(): ThroughputSample
} {
  let count = 0
  let cpu0 = 0
  let wall0 = 0
  let result: ThroughputSample = { cpuPerMessage: Number.NaN, perSecond: Number.NaN }
  return {
    tick() {
      count++
      if (count === 1) {
        cpu0 = cpuMicros()
        wall0 = performance.now()
      } else if (count === frames) {
        const cpu = cpuMicros() - cpu0
        const wall = performance.now() - wall0
        result = { cpuPerMessage: cpu / (frames - 1), perSecond: ((frames - 1) / wall) * 1000 }
      }
    },
    done: () => count >= frames,
    sample: () => result,
  }
}

/** Receives `frames` frames through the contender's core API. */
export async function viaCore(
  contender: Contender,
  url: string,
  frames: number,
): Promise<ThroughputSample> {
  const counter = meter(frames)
  const connection = contender.connect?.(url, { WebSocket: BenchWebSocket })
  connection?.onMessage(counter.tick)
  await until(counter.done, 30_000, 5)
  connection?.close()
  return counter.sample()
}
