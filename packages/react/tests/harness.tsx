import type { LifelineOptions } from '@lifeline/core'
import { type Cleanup, registerCleanup } from '@lifeline/test-utils'
import { cleanup as unmountAll } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { createShareRegistry, LifelineProvider, type ShareRegistry } from '../src/index.js'

/** Short timings for every hook under test. */
export const fast: LifelineOptions = {
  reconnect: { minDelay: 50, maxDelay: 100, jitter: 0, minUptime: 100 },
  watchNetwork: false,
}

/** Cleanups run after each test, once React has unmounted everything. */
export function cleanupAfterEach(): Cleanup {
  return registerCleanup(async () => {
    unmountAll()
    await new Promise((r) => setTimeout(r, 0))
  })
}

/** A wrapper with its own registry (and StrictMode when asked), for `render(ui, { wrapper })`. */
export function scope(strict = false): {
  registry: ShareRegistry
  wrapper: (p: { children: ReactNode }) => ReactNode
} {
  const registry = createShareRegistry()
  const wrapper = ({ children }: { children: ReactNode }) => {
    const inner = <LifelineProvider registry={registry}>{children}</LifelineProvider>
    return strict ? <StrictMode>{inner}</StrictMode> : inner
  }
  return { registry, wrapper }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
