// Prints `tests: N passed, N failed` from the JSON reports the test runners wrote into the folder
// given as the first argument (vitest.json, and e2e.json when the browser tests ran).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
const read = (name) => {
  try {
    return JSON.parse(readFileSync(join(dir, name), 'utf8'))
  } catch {
    return null
  }
}
let passed = 0
let failed = 0
let skipped = 0
const vitest = read('vitest.json')
if (vitest) {
  passed += vitest.numPassedTests
  failed += vitest.numFailedTests
  skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0)
  console.log(`vitest: ${vitest.numPassedTests}/${vitest.numTotalTests} passed`)
}
const e2e = read('e2e.json')
if (e2e) {
  const s = e2e.stats
  passed += s.expected + s.flaky
  failed += s.unexpected
  skipped += s.skipped
  console.log(`playwright: ${s.expected + s.flaky}/${s.expected + s.flaky + s.unexpected + s.skipped} passed`)
}
if (vitest || e2e) console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
