import { createContext, type ReactNode, useContext } from 'react'
import { createShareRegistry, type ShareRegistry } from './shareRegistry.js'

const RegistryContext = createContext<ShareRegistry>(createShareRegistry())

/** Scopes the connections of the hooks below it to `registry` (a test, a server render, a micro-frontend). */
export function LifelineProvider(props: {
  registry: ShareRegistry
  children?: ReactNode
}): ReactNode {
  return (
    <RegistryContext.Provider value={props.registry}>{props.children}</RegistryContext.Provider>
  )
}

/** The registry of the nearest `LifelineProvider`, else the app-wide default one. */
export function useShareRegistry(): ShareRegistry {
  return useContext(RegistryContext)
}
