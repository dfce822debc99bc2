// Debian's Chromium driven over raw CDP (the DevTools protocol, one WebSocket): no Playwright,
// whose launcher adds --disable-background-timer-throttling and keeps every page visible, which
// would hide exactly what the browser scenario measures.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
/** The plain flag set: nothing that changes timers, visibility or throttling. */
const FLAGS = [
  '--headless',
  '--remote-debugging-port=0',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const START_TIMEOUT = 15_000
/** Every CDP call answers within this (a busy loop of 8 s included) or fails. */
const CALL_TIMEOUT = 30_000

/** One tab, reached through its own flat CDP session. */
export interface Tab {
  readonly targetId: string
  /** A CDP command on this tab's session. */
  send<T = unknown>(method: string, params?: object): Promise<T>
  /** Calls `listener` with the params of every CDP event `method` of this tab's session. */
  on(method: string, listener: (params: unknown) => void): void
  /** `Runtime.evaluate` of `expression` in the page, its value copied out (promises awaited). */
  evaluate<T>(expression: string): Promise<T>
  /**
   * Makes this tab the active one of its window. Another tab is activated first: a tab that is
   * already the active one but hidden (a page resumed from `frozen` stays hidden in headless
   * Chromium) becomes visible only through a switch.
   */
  bringToFront(): Promise<void>
  close(): Promise<void>
}

/** A Chromium process and the browser-level CDP connection to it. */
export interface Chromium {
  /** `Browser.getVersion`'s product, e.g. `HeadlessChrome/156.0.8078.114`. */
  readonly product: string
  /** Opens `url` in a new tab; `background: true` leaves the current tab active (this one hidden). */
  open(url: string, options: { readonly background: boolean }): Promise<Tab>
  /** Kills the whole process group and removes the profile. Idempotent. */
  close(): Promise<void>
}

/** A reply to a command (`id`) or an event (`method`, on a tab's `sessionId`). */
interface Incoming {
  readonly id?: number
  readonly result?: unknown
  readonly error?: { readonly message: string }
  readonly method?: string
  readonly sessionId?: string
  readonly params?: unknown
}

// A browser left behind would keep running after the bench: the exit hook kills what is left.
const running = new Set<ChildProcess>()
let hooked = false

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    // Its own process group (spawned detached): the zygote and renderers go with it.
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

function hookExit(child: ChildProcess): void {
  running.add(child)
  child.once('exit', () => running.delete(child))
  if (hooked) return
  hooked = true
  process.on('exit', () => {
    for (const orphan of running) killGroup(orphan)
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const orphan of running) killGroup(orphan)
      process.exit(130)
    })
  }
}

/** The `ws://…/devtools/browser/…` address Chromium prints on stderr once it listens. */
function devtoolsAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = ''
    const timer = setTimeout(
      () => reject(new Error(`chromium printed no DevTools address in ${START_TIMEOUT} ms`)),
      START_TIMEOUT,
    )
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4_000)
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr)
      if (!match?.[1]) return
      clearTimeout(timer)
      resolve(match[1])
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`chromium exited (${code}) before listening:\n${stderr}`))
    })
  })
}

/**
 * Starts `chromium --headless` on a fresh profile with the plain flags plus `extraFlags`, and
 * connects to its DevTools endpoint (127.0.0.1, a port of the OS's choosing).
 */
export async function launchChromium(extraFlags: readonly string[] = []): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), 'lifeline-bench-chromium-'))
  const child = spawn(
    CHROMIUM,
    [...FLAGS, `--user-data-dir=${profile}`, ...extraFlags, 'about:blank'],
    {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  hookExit(child)
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= (async () => {
      socket?.terminate()
      killGroup(child)
      await exited
      await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
    })()
    return closing
  }

  let socket: WebSocket | undefined
  try {
    socket = new WebSocket(await devtoolsAddress(child), { perMessageDeflate: false })
    await new Promise<void>((resolve, reject) => {
      socket?.once('open', () => resolve())
      socket?.once('error', reject)
    })
  } catch (error) {
    await close()
    throw error
  }
  const cdp = socket
  let nextId = 0
  const pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>()
  const listeners = new Map<string, ((params: unknown) => void)[]>()
  cdp.on('message', (raw) => {
    const reply = JSON.parse(raw.toString()) as Incoming
    if (reply.method !== undefined) {
      for (const listener of listeners.get(`${reply.sessionId}:${reply.method}`) ?? []) {
        listener(reply.params)
      }
      return
    }
    const waiter = reply.id === undefined ? undefined : pending.get(reply.id)
    if (!waiter || reply.id === undefined) return
    pending.delete(reply.id)
    if (reply.error) waiter.reject(new Error(reply.error.message))
    else waiter.resolve(reply.result)
  })
  cdp.on('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('the CDP connection closed'))
    pending.clear()
  })

  function send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = ++nextId
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(new Error(`CDP ${method}: no answer in ${CALL_TIMEOUT} ms`))
      }, CALL_TIMEOUT)
      pending.set(id, {
        resolve: (result) => {
          clearTimeout(timer)
          resolve(result as T)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(new Error(`CDP ${method}: ${error.message}`))
        },
      })
      cdp.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }))
    })
  }

  // The tab Chromium starts with (about:blank): the other side of `bringToFront`'s switch.
  const started = await Promise.all([
    send<{ targetInfos: { type: string; targetId: string }[] }>('Target.getTargets'),
    send<{ product: string }>('Browser.getVersion'),
  ]).catch(async (error: unknown) => {
    await close()
    throw error
  })
  const [targets, { product }] = started
  const spare = targets.targetInfos.find((info) => info.type === 'page')?.targetId

  return {
    product,
    async open(url, { background }) {
      const { targetId } = await send<{ targetId: string }>('Target.createTarget', {
        url,
        background,
      })
      const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', {
        targetId,
        flatten: true,
      })
      const onTab = <T>(method: string, params?: object): Promise<T> =>
        send<T>(method, params, sessionId)
      return {
        targetId,
        send: onTab,
        on(method, listener) {
          const key = `${sessionId}:${method}`
          listeners.set(key, [...(listeners.get(key) ?? []), listener])
        },
        async evaluate<T>(expression: string) {
          const { result, exceptionDetails } = await onTab<{
            result: { value?: unknown }
            exceptionDetails?: { text: string }
          }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })
          if (exceptionDetails) throw new Error(`evaluate failed: ${exceptionDetails.text}`)
          return result.value as T
        },
        bringToFront: async () => {
          if (spare) await send('Target.activateTarget', { targetId: spare })
          await send('Target.activateTarget', { targetId })
        },
        close: async () => {
          await send('Target.closeTarget', { targetId }).catch(() => undefined)
        },
      }
    },
    close,
  }
}
