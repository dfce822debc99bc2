import { createElement, type ReactNode, StrictMode, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import type { Contender, CoreConnection, HookOptions, Status } from '../types.js'

/** What a probe component saw: written during render, read by the scenario. */
export interface Probe {
  renders: number
  /** Set once the component's effects ran (the hook's effects ran before it). */
  mounted: boolean
  status: Status
  lastMessage: unknown
}

export const newProbe = (): Probe => ({
  renders: 0,
  mounted: false,
  status: 'unmounted',
  lastMessage: null,
})

type UseConnection = NonNullable<Contender['useConnection']>

/** Which fields of the hook's result the component reads. */
export type Reads = 'status' | 'lastMessage' | 'both'

interface ProbeProps {
  readonly use: UseConnection
  readonly url: string
  readonly options: HookOptions
  readonly reads: Reads
  readonly probe: Probe
}

/** A component that uses one hook, reads only `reads` of it and counts its renders. */
function ProbeView({ use, url, options, reads, probe }: ProbeProps): ReactNode {
  probe.renders++
  const view = use(url, options)
  if (reads !== 'lastMessage') probe.status = view.status
  if (reads !== 'status') probe.lastMessage = view.lastMessage
  useEffect(() => {
    probe.mounted = true
  }, [probe])
  return null
}

/** One probe's description, for `mount`. */
export type ProbeSpec = Omit<ProbeProps, 'use'> & { readonly contender: Contender }

/** Mounts probes in a fresh root (under StrictMode when asked); updates run as in a browser. */
export function mount(specs: readonly ProbeSpec[], strict = false): { unmount(): void } {
  const root = createRoot(document.createElement('div'))
  const children = specs.map(({ contender, ...props }, key) => {
    if (contender.useConnection === null) throw new Error(`${contender.name} has no hook`)
    return createElement(ProbeView, { ...props, use: contender.useConnection, key })
  })
  root.render(strict ? createElement(StrictMode, null, children) : children)
  return { unmount: () => root.unmount() }
}

/**
 * A hook seen as a core connection, for scenarios that compare libraries at whatever level they
 * offer (half-open, reconnect): status is what the component rendered last.
 */
export function connectViaHook(
  contender: Contender,
  url: string,
  options: HookOptions,
): CoreConnection {
  const probe = newProbe()
  const mounted = mount([{ contender, url, options, reads: 'status', probe }])
  return {
    status: () => probe.status,
    onMessage: () => {
      throw new Error('connectViaHook: pass onMessage in the hook options')
    },
    send: () => {
      throw new Error('connectViaHook: no send')
    },
    start: () => {},
    close: () => mounted.unmount(),
  }
}
