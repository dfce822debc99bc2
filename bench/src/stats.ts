/** Pure helpers: summaries of samples and markdown tables. No I/O, no clocks. */

/** Median and range of the samples of one contender in one scenario. */
export interface Summary {
  readonly median: number
  readonly min: number
  readonly max: number
  readonly n: number
}

/** A cell: a number, a summary, or text such as `'n/a (no heartbeat)'` or `'> 10 s'`. */
export type Cell = number | Summary | string

/** One table of a scenario: a title, notes printed under it, a header and rows of cells. */
export interface Table {
  readonly title: string
  readonly notes: readonly string[]
  readonly columns: readonly string[]
  readonly rows: readonly (readonly Cell[])[]
  /** Digits after the point: one for the whole table, or one per column. Default 0. */
  readonly digits?: number | readonly number[]
}

/** Median (mean of the middle two for an even count), min and max; `null` for no samples. */
export function summarize(samples: readonly number[]): Summary | null {
  if (samples.length === 0) return null
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
  return {
    median,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    n: sorted.length,
  }
}

/** A number with thousands separators and a fixed number of decimals. */
export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return String(value)
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
}

/** `median (min–max)`, or the median alone when every sample was the same. */
export function formatSummary(summary: Summary, digits = 0): string {
  const median = formatNumber(summary.median, digits)
  const min = formatNumber(summary.min, digits)
  const max = formatNumber(summary.max, digits)
  return min === max ? median : `${median} (${min}–${max})`
}

export function formatCell(cell: Cell, digits = 0): string {
  if (typeof cell === 'string') return cell
  if (typeof cell === 'number') return formatNumber(cell, digits)
  return formatSummary(cell, digits)
}

/**
 * A markdown table, columns padded to one width as Biome's markdown formatter writes them (so a
 * generated RESULTS.md passes `biome check`); pipes inside cells are escaped.
 */
export function markdownTable(
  columns: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const escapePipes = (text: string): string => text.replaceAll('|', '\\|')
  const body = [columns, ...rows].map((cells) => cells.map(escapePipes))
  const widths = columns.map((_, index) =>
    Math.max(3, ...body.map((cells) => [...(cells[index] ?? '')].length)),
  )
  const line = (cells: readonly string[]): string =>
    `| ${widths.map((width, index) => pad(cells[index] ?? '', width)).join(' | ')} |`
  const [header = [], ...rest] = body
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rest.map(line)].join(
    '\n',
  )
}

/** Pads to `width` characters (code points, as a terminal and Biome count them). */
function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length))
}

/** A scenario table as markdown: `### title`, its notes in italics, then the table. */
export function renderTable(table: Table): string {
  const { digits = 0 } = table
  const rows = table.rows.map((row) =>
    row.map((cell, column) =>
      formatCell(cell, typeof digits === 'number' ? digits : (digits[column] ?? 0)),
    ),
  )
  // One paragraph per note.
  const notes = table.notes.flatMap((note) => [`_${note}_`, ''])
  return [`### ${table.title}`, '', ...notes, markdownTable(table.columns, rows)].join('\n')
}

/** `value / base`, or `null` when either is missing or the base is zero. */
export function ratio(
  value: number | null | undefined,
  base: number | null | undefined,
): number | null {
  if (value === null || value === undefined || base === null || base === undefined || base === 0) {
    return null
  }
  return value / base
}

/**
 * A summary of samples some of which hit a cap (`null`): the cap text when all did, else the
 * summary of the rest with how many hit it.
 */
export function summarizeCapped(samples: readonly (number | null)[], cap: string): Cell {
  const reached = samples.filter((sample): sample is number => sample !== null)
  const summary = summarize(reached)
  if (summary === null) return samples.length === 0 ? '–' : cap
  const missed = samples.length - reached.length
  if (missed === 0) return summary
  return `${formatSummary(summary)}; ${missed} of ${samples.length} rounds ${cap}`
}
