/** Most characters of a value shown in a failure message; the rest is cut with `…`. */
const MAX_CHARS = 300

/**
 * A short, readable rendering of any value for a failure message, browser-safe (no `node:util`):
 * strings quoted, errors as `Name: message`, objects as JSON (functions, `undefined` and cycles
 * included), long text cut.
 */
export function describeValue(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`
  if (typeof value === 'string') return cut(JSON.stringify(value))
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`
  if (typeof value !== 'object' || value === null) return String(value)
  const seen = new WeakSet<object>()
  try {
    return cut(
      JSON.stringify(value, (_key, inner: unknown) => {
        if (inner === undefined) return '[undefined]'
        if (typeof inner === 'function') return `[function ${inner.name || 'anonymous'}]`
        if (typeof inner === 'bigint') return `${inner}n`
        if (typeof inner === 'object' && inner !== null) {
          if (seen.has(inner)) return '[circular]'
          seen.add(inner)
        }
        return inner
      }),
    )
  } catch {
    return Object.prototype.toString.call(value)
  }
}

function cut(text: string): string {
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text
}
