import { describe, expect, it } from 'vitest'
import {
  collectMetrics,
  createCounters,
  formatLogLine,
  formatMetrics,
  type Metrics,
} from './metrics.js'

const sample: Metrics = {
  connectionsActive: 3,
  connectionsTotal: 10,
  deadPeersTerminated: 1,
  messagesIn: 120,
  messagesOut: 340,
  rateLimited: 7,
  loadAverage: [0.421, 0.5, 0.25],
}

describe('collectMetrics', () => {
  it('sums the heartbeat stats of every endpoint and copies the counters', () => {
    const counters = { ...createCounters(), messagesIn: 4, messagesOut: 5, rateLimited: 6 }
    const metrics = collectMetrics(
      counters,
      [
        { active: 1, total: 2, terminated: 0 },
        { active: 2, total: 8, terminated: 1 },
      ],
      [1, 2, 3],
    )
    expect(metrics).toEqual({
      connectionsActive: 3,
      connectionsTotal: 10,
      deadPeersTerminated: 1,
      messagesIn: 4,
      messagesOut: 5,
      rateLimited: 6,
      loadAverage: [1, 2, 3],
    })
  })

  it('reads a short load average as zeros rather than undefined', () => {
    expect(collectMetrics(createCounters(), [], []).loadAverage).toEqual([0, 0, 0])
  })
})

describe('formatMetrics', () => {
  const text = formatMetrics(sample)

  it('writes every sample with its value', () => {
    const samples = text.split('\n').filter((line) => line && !line.startsWith('#'))
    expect(samples).toEqual([
      'lifeline_connections_active 3',
      'lifeline_connections_total 10',
      'lifeline_dead_peers_terminated_total 1',
      'lifeline_messages_in_total 120',
      'lifeline_messages_out_total 340',
      'lifeline_rate_limited_total 7',
      'node_load_average{period="1m"} 0.421',
      'node_load_average{period="5m"} 0.5',
      'node_load_average{period="15m"} 0.25',
    ])
  })

  it('precedes each family with HELP and TYPE, counters typed as counters', () => {
    expect(text).toContain(
      '# TYPE lifeline_connections_active gauge\nlifeline_connections_active 3',
    )
    expect(text).toContain('# TYPE lifeline_messages_in_total counter\n')
    expect(text).toContain('# TYPE node_load_average gauge\n')
    expect(text.match(/^# HELP /gm)).toHaveLength(7)
    expect(text.match(/^# TYPE /gm)).toHaveLength(7)
    expect(text.endsWith('\n')).toBe(true)
  })
})

describe('formatLogLine', () => {
  it('fits on one line with the 1 minute load rounded', () => {
    expect(formatLogLine(sample)).toBe(
      '[chat] active=3 total=10 terminated=1 in=120 out=340 load=0.42',
    )
  })
})
