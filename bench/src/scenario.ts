import type { Table } from './stats.js'
import type { Contender } from './types.js'

/** One line of the final "Targets" table. */
export interface TargetRow {
  readonly target: string
  readonly measured: string
  readonly goal: string
  /** `null`: not measured (the run failed to produce the value). */
  readonly met: boolean | null
}

/** What a scenario hands back to `main.ts` (over IPC, so plain data only). */
export interface ScenarioResult {
  readonly tables: readonly Table[]
  readonly targets: readonly TargetRow[]
}

export interface ScenarioContext {
  readonly contenders: readonly Contender[]
  /** A short progress line for the terminal (not for RESULTS.md). */
  progress(text: string): void
}

/** Every `scenarios/*.ts` module exports `run`. */
export type RunScenario = (context: ScenarioContext) => Promise<ScenarioResult>

/** A target row from a measured value (`null` when missing). */
export function target(
  name: string,
  measured: number | null,
  goal: { readonly text: string; readonly ok: (value: number) => boolean },
  format: (value: number) => string,
): TargetRow {
  return {
    target: name,
    measured: measured === null ? 'not measured' : format(measured),
    goal: goal.text,
    met: measured === null ? null : goal.ok(measured),
  }
}
