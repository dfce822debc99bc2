import { waitFor } from '@lifeline/testing'
import { describe, expect, it } from 'vitest'

describe('waitFor', () => {
  it('resolves with the first truthy value', async () => {
    let calls = 0
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), { interval: 5 })
    expect(value).toEqual({ calls: 3 })
  })

  it('rejects on timeout with the message and the last value', async () => {
    await expect(waitFor(() => 0, { timeout: 50, message: 'never' })).rejects.toThrow(
      'never (after 50 ms; last value: 0)',
    )
  })

  it('treats a throwing check as not yet and reports its error', async () => {
    let ready = false
    setTimeout(() => {
      ready = true
    }, 20)
    await expect(
      waitFor(() => {
        expect(ready).toBe(true)
        return ready
      }),
    ).resolves.toBe(true)
    await expect(
      waitFor(
        () => {
          throw new Error('boom')
        },
        { timeout: 30, message: () => 'computed at timeout' },
      ),
    ).rejects.toThrow(/computed at timeout .*last error: Error: boom/)
  })
})
