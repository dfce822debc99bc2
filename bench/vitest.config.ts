import { defineConfig } from 'vitest/config'

// `pnpm --filter @lifeline/bench test`: the pure helpers only; the scenarios run with `pnpm bench`.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'] },
})
