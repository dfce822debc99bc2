import { describe, expect, it } from 'vitest'
import { extractSamples, readmeExamples, sampleFileName } from './readmeSamples.js'

const md = [
  '# Title',
  '```sh',
  'npm install x',
  '```',
  '```ts',
  "import { a } from 'a'",
  'a()',
  '```',
  'text',
  '- a list item:',
  '  ```tsx',
  '  export const X = () => <b />',
  '  ```',
  '````md',
  '```ts',
  'not a sample: inside a longer fence',
  '```',
  '````',
  '```typescript',
  'let y = 1',
  '```',
].join('\n')

describe('extractSamples', () => {
  it('finds the ts and tsx blocks, with where each starts, and nothing else', () => {
    expect(extractSamples(md, 'README.md')).toEqual([
      { lang: 'ts', code: "import { a } from 'a'\na()\n", where: 'README.md:5' },
      { lang: 'tsx', code: 'export const X = () => <b />\n', where: 'README.md:11' },
      { lang: 'ts', code: 'let y = 1\n', where: 'README.md:19' },
    ])
  })

  it('finds none in a text without code', () => {
    expect(extractSamples('# Nothing\n\nhere', 'x.md')).toEqual([])
  })
})

describe('sampleFileName', () => {
  it('names a sample after its README and its place', () => {
    expect(sampleFileName('packages/core/README.md', 2, 'ts')).toBe('packages-core-README-2.ts')
    expect(sampleFileName('README.md', 1, 'tsx')).toBe('README-1.tsx')
  })
})

describe('readmeExamples', () => {
  it('takes the blocks whose fence names a file under the folder, with the name past it', () => {
    const text = [
      '```ts a/examples/one.test.ts',
      'one()',
      '```',
      '```ts',
      'not quoted()',
      '```',
      '```tsx b/other.tsx',
      'elsewhere()',
      '```',
    ].join('\n')
    expect(readmeExamples(text, 'a/examples/')).toEqual([{ name: 'one.test.ts', code: 'one()\n' }])
    expect(readmeExamples(text, '').map((e) => e.name)).toEqual([
      'a/examples/one.test.ts',
      'b/other.tsx',
    ])
  })
})
