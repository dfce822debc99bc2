import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { readmeExamples } from './readmeSamples.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const readme = readFileSync(`${root}packages/testing/README.md`, 'utf8')

describe("@lifeline/testing's README quotes the files that run in CI, verbatim", () => {
  const quoted = readmeExamples(readme, '')

  it('quotes the three examples of "Testing your app"', () => {
    expect(quoted.map((q) => q.name)).toEqual([
      'packages/testing/examples/chat.test.tsx',
      'packages/testing/examples/room.test.ts',
      'apps/chat/e2e/routeWebSocket.spec.ts',
    ])
  })

  for (const { name, code } of quoted) {
    it(`${name} is quoted as it is`, () => {
      expect(code).toBe(readFileSync(`${root}${name}`, 'utf8'))
    })
  }
})
