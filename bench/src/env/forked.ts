import { type ChildProcess, fork } from 'node:child_process'

/** A helper process forked by a scenario, talking over IPC. */
export interface Forked {
  /** What the process reported in its `ready` message (its port, for a server). */
  readonly ready: Readonly<Record<string, unknown>>
  readonly child: ChildProcess
  /**
   * Sends `message` with a fresh `id` and resolves with the first message that carries the same
   * `id` back; rejects if the process exits first.
   */
  request<T>(message: Readonly<Record<string, unknown>>): Promise<T>
  /** Messages the process sends on its own (not replies), e.g. samples. */
  onMessage(listener: (message: Readonly<Record<string, unknown>>) => void): void
  /** Ends the process (SIGKILL); resolves once it exited. */
  close(): Promise<void>
}

/**
 * Forks `script` with this process's loader flags (not `--expose-gc`) and resolves once it sends
 * `{ type: 'ready', … }`; rejects if it exits before, or after `timeout` ms.
 */
export function forkReady(
  script: string,
  options: { readonly args?: readonly string[]; readonly timeout?: number } = {},
): Promise<Forked> {
  const child = fork(script, [...(options.args ?? [])], {
    execArgv: process.execArgv.filter((arg) => arg !== '--expose-gc'),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  let nextId = 0
  const replies = new Map<number, (message: Record<string, unknown>) => void>()
  const listeners: Array<(message: Readonly<Record<string, unknown>>) => void> = []
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${script} was not ready within ${options.timeout ?? 10_000} ms`))
    }, options.timeout ?? 10_000)
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`${script} exited before it was ready`))
      for (const reply of replies.values()) reply({ type: 'exited' })
    })
    child.on('message', (message: Record<string, unknown>) => {
      const id = typeof message['id'] === 'number' ? message['id'] : undefined
      const reply = id === undefined ? undefined : replies.get(id)
      if (reply && id !== undefined) {
        replies.delete(id)
        return reply(message)
      }
      if (message['type'] !== 'ready') {
        for (const listener of listeners) listener(message)
        return
      }
      clearTimeout(timer)
      resolve({
        ready: message,
        child,
        request: <T>(request: Readonly<Record<string, unknown>>) =>
          new Promise<T>((done, fail) => {
            const id = nextId++
            replies.set(id, (answer) =>
              answer['type'] === 'exited'
                ? fail(new Error(`${script} exited before it answered`))
                : done(answer as T),
            )
            child.send({ ...request, id })
          }),
        onMessage: (listener) => {
          listeners.push(listener)
        },
        close: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
          await exited
        },
      })
    })
  })
}
