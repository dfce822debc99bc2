import { createEventListeners } from './eventListeners.js'
import type {
  FakeEvent,
  FakeEventMap,
  FakeEventType,
  FakeListener,
  FakeListenerOptions,
} from './fakeSocketEvents.js'

/** `readyState` values: CONNECTING, OPEN, CLOSING, CLOSED. */
export type FakeReadyState = 0 | 1 | 2 | 3

/** One call of {@link FakeSocket.close}, with the arguments that were given. */
export interface FakeCloseCall {
  code?: number
  reason?: string
}

/** How the owning kit wants sockets to behave. */
export interface FakeSocketSettings {
  /** Emit 'close' by itself (in a microtask) after `close()`, instead of waiting for `finishClose()`. */
  autoFinishClose: boolean
}

type AnyListener = FakeListener<FakeEvent>

/**
 * An in-memory stand-in for the browser `WebSocket`: nothing happens until the test says so
 * (`open()`, `receive()`, `fail()`, `serverClose()`, `finishClose()`). Browser-safe: no Node APIs.
 */
export class FakeSocket {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3

  /** The URL as passed (a `URL` becomes its `href`; strings are not normalised). */
  readonly url: string
  /** The protocols argument as passed to the constructor. */
  readonly protocols: string | string[] | undefined
  /** The protocol the "server" picked; set by `open()`. */
  protocol = ''
  binaryType: 'blob' | 'arraybuffer' = 'blob'
  readonly bufferedAmount = 0
  readonly extensions = ''
  /** Everything passed to `send()` while OPEN, in order. */
  readonly sent: unknown[] = []
  /** Every call of `close()`, even those ignored because the socket was already closing. */
  readonly closeCalls: FakeCloseCall[] = []
  onopen: ((event: FakeEventMap['open']) => void) | null = null
  onmessage: ((event: FakeEventMap['message']) => void) | null = null
  onerror: ((event: FakeEventMap['error']) => void) | null = null
  onclose: ((event: FakeEventMap['close']) => void) | null = null

  #readyState: FakeReadyState = 0
  readonly #settings: FakeSocketSettings
  readonly #listeners = createEventListeners()

  constructor(url: string | URL, protocols?: string | string[], settings?: FakeSocketSettings) {
    this.url = String(url)
    this.protocols = protocols
    this.#settings = settings ?? { autoFinishClose: false }
  }

  get readyState(): FakeReadyState {
    return this.#readyState
  }

  /** Records `data` in `sent` when OPEN; throws InvalidStateError while CONNECTING; ignored after. */
  send(data: unknown): void {
    if (this.#readyState === 0)
      throw new DOMException('Still in CONNECTING state.', 'InvalidStateError')
    if (this.#readyState === 1) this.sent.push(data)
  }

  /**
   * Records the call and moves to CLOSING; 'close' comes from `finishClose()` (or by itself with
   * `autoFinishClose`). Throws like a browser on a code other than 1000 or 3000-4999, or a reason
   * over 123 bytes, which `ws` in Node would accept.
   */
  close(code?: number, reason?: string): void {
    if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) {
      throw new DOMException(
        `The close code ${code} is neither 1000 nor 3000-4999.`,
        'InvalidAccessError',
      )
    }
    if (reason !== undefined && new TextEncoder().encode(reason).length > 123) {
      throw new DOMException('The close reason is longer than 123 bytes.', 'SyntaxError')
    }
    this.closeCalls.push({
      ...(code === undefined ? {} : { code }),
      ...(reason === undefined ? {} : { reason }),
    })
    if (this.#readyState > 1) return
    this.#readyState = 2
    if (this.#settings.autoFinishClose) {
      queueMicrotask(() => {
        if (this.#readyState === 2) this.finishClose()
      })
    }
  }

  addEventListener<K extends FakeEventType>(
    type: K,
    listener: FakeListener<FakeEventMap[K]> | null,
    options?: boolean | FakeListenerOptions,
  ): void {
    if (listener) this.#listeners.add(type, listener as AnyListener, options)
  }

  removeEventListener<K extends FakeEventType>(
    type: K,
    listener: FakeListener<FakeEventMap[K]> | null,
  ): void {
    if (listener) this.#listeners.remove(type, listener as AnyListener)
  }

  /** Listeners attached for `type`, the `on<type>` property included: 0 means cleanly abandoned. */
  listenerCount(type: FakeEventType): number {
    return this.#listeners.count(type) + (this.#handler(type) ? 1 : 0)
  }

  /** Test control: the handshake succeeded. `protocol` defaults to the first one requested. */
  open(options: { protocol?: string } = {}): void {
    this.#expect(this.#readyState === 0, 'open()', 'CONNECTING')
    const requested = typeof this.protocols === 'string' ? this.protocols : this.protocols?.[0]
    this.protocol = options.protocol ?? requested ?? ''
    this.#readyState = 1
    this.#dispatch({ type: 'open', target: this })
  }

  /** Test control: a message from the server. Throws while CONNECTING; dropped once closing, as in browsers. */
  receive(data: unknown): void {
    this.#expect(this.#readyState !== 0, 'receive()', 'OPEN (call open() first)')
    if (this.#readyState !== 1) return
    this.#dispatch({ type: 'message', data, target: this })
  }

  /** Test control: the connection failed: 'error', then 'close' 1006 with `wasClean: false`. */
  fail(message = 'WebSocket connection failed'): void {
    this.#expect(this.#readyState !== 3, 'fail()', 'not CLOSED')
    this.#readyState = 3
    this.#dispatch({ type: 'error', message, target: this })
    this.#dispatch({ type: 'close', code: 1006, reason: '', wasClean: false, target: this })
  }

  /** Test control: the server closed cleanly with `code` (default 1000) and `reason` (default ''). */
  serverClose(code = 1000, reason = ''): void {
    this.#expect(
      this.#readyState === 1 || this.#readyState === 2,
      'serverClose()',
      'OPEN or CLOSING',
    )
    this.#readyState = 3
    this.#dispatch({ type: 'close', code, reason, wasClean: true, target: this })
  }

  /** Test control: completes a `close()` the client started, echoing its code (default 1005) and reason. */
  finishClose(): void {
    this.#expect(this.#readyState === 2, 'finishClose()', 'CLOSING (call close() first)')
    const last = this.closeCalls.at(-1)
    this.#readyState = 3
    this.#dispatch({
      type: 'close',
      code: last?.code ?? 1005,
      reason: last?.reason ?? '',
      wasClean: true,
      target: this,
    })
  }

  #handler(type: FakeEventType): AnyListener | null {
    const handlers = {
      open: this.onopen,
      message: this.onmessage,
      error: this.onerror,
      close: this.onclose,
    }
    return handlers[type] as AnyListener | null
  }

  #expect(ok: boolean, action: string, state: string): void {
    if (!ok)
      throw new Error(`FakeSocket.${action} needs readyState ${state}, not ${this.#readyState}`)
  }

  #dispatch(event: FakeEvent): void {
    this.#listeners.dispatch(event, this, this.#handler(event.type))
  }
}
