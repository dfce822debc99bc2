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
  connectionsAbusive: 2,
  sendsSkipped: 40,
  connectionsOverloaded: 4,
  handlerErrors: 5,
  connectionsRefused: 6,
  eventLoopDelayMax: 12.5,
  loadAverage: [0.421, 0.5, 0.25],
}

/** Heartbeat stats of one endpoint, every counter given. */
const endpoint = (counts: [number, number, number, number, number, number, number, number]) => {
  const [active, total, terminated, overloaded, skipped, refused, abusive, failed] = counts
  return { active, total, terminated, overloaded, skipped, refused, abusive, failed }
}

describe('collectMetrics', () => {
  it('sums the heartbeat stats of every endpoint and copies the counters', () => {
    const counters = { ...createCounters(), messagesIn: 4, messagesOut: 5, connectionsRefused: 6 }
    const metrics = collectMetrics({
      counters,
      endpoints: [endpoint([1, 2, 0, 1, 10, 3, 1, 0]), endpoint([2, 8, 1, 2, 20, 4, 0, 1])],
      loadAverage: [1, 2, 3],
      eventLoopDelayMax: 7,
    })
    expect(metrics).toEqual({
      connectionsActive: 3,
      connectionsTotal: 10,
      deadPeersTerminated: 1,
      messagesIn: 4,
      messagesOut: 5,
      rateLimited: 7,
      connectionsAbusive: 1,
      sendsSkipped: 30,
      connectionsOverloaded: 3,
      handlerErrors: 1,
      connectionsRefused: 6,
      eventLoopDelayMax: 7,
      loadAverage: [1, 2, 3],
    })
  })

  it('reads a short load average as zeros rather than undefined', () => {
    const sources = {
      counters: createCounters(),
      endpoints: [],
      loadAverage: [],
      eventLoopDelayMax: 0,
    }
    expect(collectMetrics(sources).loadAverage).toEqual([0, 0, 0])
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
      'lifeline_connections_abusive_total 2',
      'lifeline_sends_skipped_total 40',
      'lifeline_connections_overloaded_total 4',
      'lifeline_handler_errors_total 5',
      'lifeline_connections_refused_total 6',
      'nodejs_eventloop_delay_max_seconds 0.0125',
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
    expect(text.match(/^# HELP /gm)).toHaveLength(13)
    expect(text.match(/^# TYPE /gm)).toHaveLength(13)
    expect(text.endsWith('\n')).toBe(true)
  })
})

describe('formatLogLine', () => {
  it('fits on one line with the 1 minute load rounded', () => {
    expect(formatLogLine(sample)).toBe(
      '[chat] active=3 total=10 terminated=1 in=120 out=340 limited=7 skipped=40 load=0.42',
    )
  })
})
