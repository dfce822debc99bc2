import type { Contender } from './types.js'

/** Rounds measured after the warm-up round, whose samples are dropped. */
export const ROUNDS = 5

/**
 * Runs `measure` for every contender in turn, round after round (A B C A B C …), one warm-up
 * round first, so drift in the machine spreads over all of them alike. Contenders for which
 * `skip` gives a reason are never run.
 */
export async function interleave<T>(
  contenders: readonly Contender[],
  measure: (contender: Contender, round: number) => Promise<T>,
  skip: (contender: Contender) => string | null = () => null,
  rounds = ROUNDS,
): Promise<Map<Contender, T[]>> {
  const samples = new Map<Contender, T[]>()
  const active = contenders.filter((contender) => skip(contender) === null)
  for (const contender of active) samples.set(contender, [])
  for (let round = 0; round <= rounds; round++) {
    for (const contender of active) {
      const sample = await measure(contender, round)
      if (round > 0) samples.get(contender)?.push(sample)
    }
  }
  return samples
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms)
  })

/**
 * Polls `check` every `every` ms until it holds or `timeout` ms passed.
 * @returns whether it held (never throws: a scenario records a miss, it does not crash).
 */
export async function until(check: () => boolean, timeout: number, every = 2): Promise<boolean> {
  const deadline = performance.now() + timeout
  while (!check()) {
    if (performance.now() >= deadline) return false
    await sleep(every)
  }
  return true
}

/** CPU time (user + system) of this process, in microseconds. */
export function cpuMicros(): number {
  const { user, system } = process.cpuUsage()
  return user + system
}

/** One field of every sample. */
export function pick<T>(samples: readonly T[] | undefined, field: (sample: T) => number): number[] {
  return (samples ?? []).map(field)
}
