import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { registerCleanup } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { connect } from './testSupport.js'

const cleanup = registerCleanup()
// tsx is a dependency of apps/chat, not of the root: run from there so `--import tsx` resolves.
const appDir = fileURLToPath(new URL('..', import.meta.url))

/** Resolves with the URL of the `LISTENING <url>` line the child prints first. */
function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk
    })
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      const match = /^LISTENING (ws:\/\/\S+)$/m.exec(out)
      if (match?.[1]) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code} before LISTENING: ${err}`)))
  })
}

describe('main.ts', () => {
  it('prints LISTENING, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--conditions=@lifeline/source', '--import', 'tsx', 'server/main.ts'],
      { cwd: appDir, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    cleanup.push(() => child.kill('SIGKILL'))

    const url = await listening(child)
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/)
    const client = await connect(cleanup, `${url}/lab`)
    client.socket.send('hello')
    expect((await client.next()).data).toBe('hello')

    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(await client.closed).toBe(1001)
  })
})
