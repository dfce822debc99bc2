import { describe, expect, it } from 'vitest'
import {
  formatCell,
  formatSummary,
  markdownTable,
  ratio,
  renderTable,
  summarize,
  summarizeCapped,
} from './stats.js'

describe('summarize', () => {
  it('gives the middle sample of an odd count, with min and max', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 })
  })

  it('averages the two middle samples of an even count', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 })
  })

  it('gives null for no samples and leaves its input unsorted', () => {
    const samples = [3, 1, 2]
    expect(summarize([])).toBeNull()
    summarize(samples)
    expect(samples).toEqual([3, 1, 2])
  })
})

describe('formatting', () => {
  it('prints median (min–max), or the median alone when all samples agree', () => {
    expect(formatSummary({ median: 1234.5, min: 1000, max: 2000, n: 5 }, 1)).toBe(
      '1,234.5 (1,000.0–2,000.0)',
    )
    expect(formatSummary({ median: 2, min: 2, max: 2, n: 5 })).toBe('2')
  })

  it('passes text cells through and rounds numbers', () => {
    expect(formatCell('n/a (no heartbeat)')).toBe('n/a (no heartbeat)')
    expect(formatCell(2.345, 2)).toBe('2.35')
  })

  it('summarizes capped samples: the cap alone, or the rest with a count', () => {
    expect(summarizeCapped([null, null], '> 10 s')).toBe('> 10 s')
    expect(summarizeCapped([100, null, 300], '> 10 s')).toBe('200 (100–300); 1 of 3 rounds > 10 s')
    expect(summarizeCapped([100, 300], '> 10 s')).toEqual({ median: 200, min: 100, max: 300, n: 2 })
  })

  it('gives no ratio against a missing or zero base', () => {
    expect(ratio(3, 2)).toBe(1.5)
    expect(ratio(3, 0)).toBeNull()
    expect(ratio(undefined, 2)).toBeNull()
  })
})

describe('tables', () => {
  it('writes a markdown table with padded columns and escapes pipes in cells', () => {
    expect(markdownTable(['a', 'b'], [['1', 'x | y – z']])).toBe(
      '| a   | b          |\n| --- | ---------- |\n| 1   | x \\| y – z |',
    )
  })

  it('renders a titled table with notes and per-column digits', () => {
    const text = renderTable({
      title: 'T',
      notes: ['a note'],
      columns: ['name', 'int', 'two'],
      rows: [['x', 1.4, 1.234]],
      digits: [0, 0, 2],
    })
    expect(text).toBe(
      '### T\n\n_a note_\n\n| name | int | two  |\n| ---- | --- | ---- |\n| x    | 1   | 1.23 |',
    )
  })
})
