import type { HeartbeatStats } from '@lifeline/server'

/** The counters the chat server keeps itself; connection counts and limits come from `attachHeartbeat`. */
export interface Counters {
  /** Application frames received on /lab and /chat (heartbeats excluded, refused frames included). */
  messagesIn: number
  /** Application frames sent on /lab and /chat (heartbeat replies and skipped sends excluded; a broadcast counts once per recipient). */
  messagesOut: number
  /** TCP connections turned away by the per-address limits before any request was read. */
  connectionsRefused: number
}

/** A snapshot of the server's health, as served on `/metrics` and logged periodically. */
export interface Metrics {
  /** Connections open now, both endpoints. */
  readonly connectionsActive: number
  /** Connections ever accepted, both endpoints. */
  readonly connectionsTotal: number
  /** Connections ended by the heartbeat sweep because they stopped answering. */
  readonly deadPeersTerminated: number
  /** See {@link Counters.messagesIn}. */
  readonly messagesIn: number
  /** See {@link Counters.messagesOut}. */
  readonly messagesOut: number
  /** Frames refused by the per-connection rate limits (heartbeats included). */
  readonly rateLimited: number
  /** Connections closed with 1008 because they kept on past the rate limits. */
  readonly connectionsAbusive: number
  /** Messages not sent to a socket above its backpressure limit. */
  readonly sendsSkipped: number
  /** Connections closed because their unsent bytes stayed above the limit too long. */
  readonly connectionsOverloaded: number
  /** Connections closed with 1011 because a handler threw. */
  readonly handlerErrors: number
  /** See {@link Counters.connectionsRefused}. */
  readonly connectionsRefused: number
  /** The longest event-loop stall since the previous scrape of `/metrics` (or the start), in ms. */
  readonly eventLoopDelayMax: number
  /** `os.loadavg()`: the 1, 5 and 15 minute load averages. */
  readonly loadAverage: readonly [number, number, number]
}

/** What {@link collectMetrics} combines. */
export interface MetricsSources {
  readonly counters: Readonly<Counters>
  /** The heartbeat stats of every endpoint, summed. */
  readonly endpoints: readonly HeartbeatStats[]
  /** `os.loadavg()`. */
  readonly loadAverage: readonly number[]
  /** In ms. */
  readonly eventLoopDelayMax: number
}

/** Fresh counters, all zero. */
export function createCounters(): Counters {
  return { messagesIn: 0, messagesOut: 0, connectionsRefused: 0 }
}

/**
 * Combines the counters, the heartbeat stats of every endpoint (summed), the event loop's longest
 * stall and the load average into one snapshot. Pure: the caller reads the clock-dependent inputs.
 */
export function collectMetrics(sources: MetricsSources): Metrics {
  const { counters, endpoints, loadAverage } = sources
  const sum = (key: keyof HeartbeatStats): number =>
    endpoints.reduce((total, stats) => total + stats[key], 0)
  // `os.loadavg()` is typed `number[]` and is all zeros on Windows: default rather than trust it.
  const [m1 = 0, m5 = 0, m15 = 0] = loadAverage
  return {
    connectionsActive: sum('active'),
    connectionsTotal: sum('total'),
    deadPeersTerminated: sum('terminated'),
    messagesIn: counters.messagesIn,
    messagesOut: counters.messagesOut,
    rateLimited: sum('refused'),
    connectionsAbusive: sum('abusive'),
    sendsSkipped: sum('skipped'),
    connectionsOverloaded: sum('overloaded'),
    handlerErrors: sum('failed'),
    connectionsRefused: counters.connectionsRefused,
    eventLoopDelayMax: sources.eventLoopDelayMax,
    loadAverage: [m1, m5, m15],
  }
}

/** One metric family of the exposition. */
interface Family {
  readonly name: string
  readonly help: string
  readonly type: 'counter' | 'gauge'
  readonly samples: ReadonlyArray<readonly [labels: string, value: number]>
}

/**
 * Formats a snapshot in the Prometheus text exposition format (version 0.0.4): `# HELP` and
 * `# TYPE` lines before each family, one sample a line, a final newline.
 */
export function formatMetrics(metrics: Metrics): string {
  const [m1, m5, m15] = metrics.loadAverage
  const families: Family[] = [
    gauge(
      'lifeline_connections_active',
      'WebSocket connections open now.',
      metrics.connectionsActive,
    ),
    counter(
      'lifeline_connections_total',
      'WebSocket connections accepted since start.',
      metrics.connectionsTotal,
    ),
    counter(
      'lifeline_dead_peers_terminated_total',
      'Connections terminated by the heartbeat sweep because they stopped answering pings.',
      metrics.deadPeersTerminated,
    ),
    counter(
      'lifeline_messages_in_total',
      'Application frames received (heartbeats excluded).',
      metrics.messagesIn,
    ),
    counter(
      'lifeline_messages_out_total',
      'Application frames sent (heartbeats excluded).',
      metrics.messagesOut,
    ),
    counter(
      'lifeline_rate_limited_total',
      'Frames refused by the per-connection rate limits (heartbeats included).',
      metrics.rateLimited,
    ),
    counter(
      'lifeline_connections_abusive_total',
      'Connections closed with 1008 because they kept on past the rate limits.',
      metrics.connectionsAbusive,
    ),
    counter(
      'lifeline_sends_skipped_total',
      'Messages not sent to a socket whose unsent bytes were above the backpressure limit.',
      metrics.sendsSkipped,
    ),
    counter(
      'lifeline_connections_overloaded_total',
      'Connections closed because their unsent bytes stayed above the backpressure limit.',
      metrics.connectionsOverloaded,
    ),
    counter(
      'lifeline_handler_errors_total',
      'Connections closed with 1011 because a handler threw.',
      metrics.handlerErrors,
    ),
    counter(
      'lifeline_connections_refused_total',
      'TCP connections turned away by the per-address limits.',
      metrics.connectionsRefused,
    ),
    gauge(
      'nodejs_eventloop_delay_max_seconds',
      'Longest event-loop stall since the previous scrape of /metrics.',
      metrics.eventLoopDelayMax / 1000,
    ),
    {
      name: 'node_load_average',
      help: 'System load average over the period (os.loadavg()).',
      type: 'gauge',
      samples: [
        ['{period="1m"}', m1],
        ['{period="5m"}', m5],
        ['{period="15m"}', m15],
      ],
    },
  ]
  const lines = families.flatMap((f) => [
    `# HELP ${f.name} ${f.help}`,
    `# TYPE ${f.name} ${f.type}`,
    ...f.samples.map(([labels, value]) => `${f.name}${labels} ${value}`),
  ])
  return `${lines.join('\n')}\n`
}

/**
 * The one line logged every `logInterval`, short enough to scan in a terminal, e.g.
 * `[chat] active=3 total=10 terminated=1 in=120 out=340 limited=0 skipped=0 load=0.42`.
 */
export function formatLogLine(metrics: Metrics): string {
  const { connectionsActive, connectionsTotal, deadPeersTerminated, messagesIn, messagesOut } =
    metrics
  return (
    `[chat] active=${connectionsActive} total=${connectionsTotal} terminated=${deadPeersTerminated}` +
    ` in=${messagesIn} out=${messagesOut} limited=${metrics.rateLimited}` +
    ` skipped=${metrics.sendsSkipped} load=${metrics.loadAverage[0].toFixed(2)}`
  )
}

const gauge = (name: string, help: string, value: number): Family => ({
  name,
  help,
  type: 'gauge',
  samples: [['', value]],
})
const counter = (name: string, help: string, value: number): Family => ({
  name,
  help,
  type: 'counter',
  samples: [['', value]],
})
