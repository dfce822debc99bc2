import type {
  CloseInfo,
  ConnectionState,
  Lifeline,
  LifelineError,
  LifelineEvent,
  LifelineOptions,
  MessageData,
  SendData,
  SendResult,
  WebSocketLike,
} from '@lifeline/core'

/** Options of `useWebSocket`: every `LifelineOptions` field, plus sharing and callbacks. */
export interface UseWebSocketOptions<In = unknown> extends LifelineOptions<In> {
  /**
   * `true`: hooks with the same URL and protocols share one connection; a string: hooks with that
   * key share one. One socket, one heartbeat, one queue, reference-counted, closed when the last
   * hook unmounts. The options of the first mounted hook win.
   */
  share?: boolean | string
  /** The link opened. */
  onOpen?: (event: Extract<LifelineEvent, { type: 'open' }>) => void
  /** A message that is not a pong arrived; `json` is `parse(data)` for text that parsed. */
  onMessage?: (data: MessageData, json: In | undefined) => void
  /** A socket closed (or was abandoned by the heartbeat or the connect timeout). */
  onClose?: (close: CloseInfo) => void
  /** `error` was set. */
  onError?: (error: LifelineError) => void
}

/** What `useWebSocket` returns: the state fields, and functions that keep their identity. */
export interface WebSocketResult<In = unknown, Out = unknown> extends ConnectionState<In> {
  /** `'sent'`, `'queued'` or `'dropped'` (also `'dropped'` while `url` is `null`). */
  send(data: SendData): SendResult
  /** `send(JSON.stringify(value))`. */
  sendJson(value: Out): SendResult
  /** Starts, or retries now. */
  connect(): void
  /** Closes (default 1000) and stays closed until `connect()`. */
  disconnect(code?: number, reason?: string): void
  /** The current WebSocket or `null`. */
  getWebSocket(): WebSocketLike | null
  /** The core connection, or `null` while `url` is `null`. */
  lifeline: Lifeline<In, Out> | null
}
