import type { HeartbeatStats } from '@lifeline/server'

/** The counters the chat server keeps itself; connection counts come from `attachHeartbeat`. */
export interface Counters {
  /** Application frames received on /lab and /chat (heartbeats excluded, refused frames included). */
  messagesIn: number
  /** Application frames sent on /lab and /chat (heartbeat replies excluded; a broadcast counts once per recipient). */
  messagesOut: number
  /** Frames refused because their connection's token bucket was empty. */
  rateLimited: number
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
  /** See {@link Counters.rateLimited}. */
  readonly rateLimited: number
  /** `os.loadavg()`: the 1, 5 and 15 minute load averages. */
  readonly loadAverage: readonly [number, number, number]
}

/** Fresh counters, all zero. */
export function createCounters(): Counters {
  return { messagesIn: 0, messagesOut: 0, rateLimited: 0 }
}

/**
 * Combines the counters, the heartbeat stats of every endpoint (summed) and the load average into
 * one snapshot. Pure: the caller reads the clock-dependent inputs.
 */
export function collectMetrics(
  counters: Readonly<Counters>,
  endpoints: readonly HeartbeatStats[],
  loadAverage: readonly number[],
): Metrics {
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
    rateLimited: counters.rateLimited,
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
      'Frames refused by the per-connection rate limit.',
      metrics.rateLimited,
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
 * `[chat] active=3 total=10 terminated=1 in=120 out=340 load=0.42`.
 */
export function formatLogLine(metrics: Metrics): string {
  const { connectionsActive, connectionsTotal, deadPeersTerminated, messagesIn, messagesOut } =
    metrics
  return (
    `[chat] active=${connectionsActive} total=${connectionsTotal} terminated=${deadPeersTerminated}` +
    ` in=${messagesIn} out=${messagesOut} load=${metrics.loadAverage[0].toFixed(2)}`
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
