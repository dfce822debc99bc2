/** How a test server treats Lifeline's heartbeat (`LifelineOptions.heartbeat`). */
export interface HeartbeatReplyOptions {
  /** The text of a client heartbeat, or a predicate. Default `'ping'`, Lifeline's default. */
  ping?: string | ((text: string) => boolean)
  /** The reply: a text, or a function of the ping. Default `'pong'`, Lifeline's default. */
  pong?: string | ((text: string) => string)
}

/** `true` (answer `'ping'` with `'pong'`), `false` (count pings, answer none) or custom texts. */
export type HeartbeatSetting = boolean | HeartbeatReplyOptions

/** The heartbeat of a test server: which frames are pings, and what to answer. */
export interface Heartbeat {
  /** Whether `text` is a heartbeat ping (a predicate that throws means no). */
  isPing(text: string): boolean
  /** The reply to a ping, or `null` when replies are off (or a reply function threw). */
  reply(text: string): string | null
}

/** Resolves a {@link HeartbeatSetting} into its two functions. */
export function createHeartbeat(setting: HeartbeatSetting = true): Heartbeat {
  const { ping = 'ping', pong = 'pong' } = typeof setting === 'object' ? setting : {}
  const answers = setting !== false
  return {
    isPing(text) {
      if (typeof ping === 'string') return text === ping
      try {
        return ping(text)
      } catch {
        return false
      }
    },
    reply(text) {
      if (!answers) return null
      if (typeof pong === 'string') return pong
      try {
        return pong(text)
      } catch {
        return null
      }
    },
  }
}
