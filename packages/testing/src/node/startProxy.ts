import { connect, createServer, type Socket } from 'node:net'
import { LOOPBACK, listenOnLoopback } from './listenOnLoopback.js'

/** Options of {@link startProxy}. */
export interface ProxyOptions {
  /** Port to forward new connections to (see {@link TcpProxy.setTarget}). */
  targetPort: number
  /** Host to forward to; only loopback is allowed. Default `'127.0.0.1'`. */
  targetHost?: '127.0.0.1'
}

/** A TCP proxy on 127.0.0.1 that can freeze or drop the connections through it. */
export interface TcpProxy {
  /** The port clients connect to. */
  readonly port: number
  /** `ws://127.0.0.1:PORT`: hand this to the client instead of the server's URL. */
  readonly url: string
  /** Connections accepted so far. */
  readonly connections: number
  /**
   * Simulates a half-open link: from now on bytes in both directions, and closes from either side,
   * are silently discarded, yet every socket stays open.
   */
  freeze(): void
  /** Forwards again. A connection one side of which closed while frozen is now destroyed. */
  thaw(): void
  /** Sends new connections to another port; open ones keep their target. */
  setTarget(port: number): void
  /** Destroys every proxied connection, both sides, frozen or not. */
  dropAll(): void
  /** Drops every connection and stops listening. Idempotent. */
  close(): Promise<void>
}

interface Link {
  client: Socket
  upstream: Socket
  /** A side ended or closed while frozen; applied on thaw. */
  broken: boolean
}

/**
 * Starts a TCP proxy on 127.0.0.1 (port 0) forwarding to `targetPort`, to cut or freeze a link
 * between a real client and a real server.
 *
 * @example
 * const proxy = await startProxy({ targetPort: server.port })
 * const client = new WebSocket(proxy.url)
 * proxy.freeze() // heartbeats are lost, nobody sees a close
 */
export async function startProxy(options: ProxyOptions): Promise<TcpProxy> {
  const targetHost = options.targetHost ?? LOOPBACK
  let targetPort = options.targetPort
  let frozen = false
  let connections = 0
  let closing: Promise<void> | undefined
  const links = new Set<Link>()

  const destroy = (link: Link): void => {
    links.delete(link)
    link.client.destroy()
    link.upstream.destroy()
  }

  const forward = (link: Link, from: Socket, to: Socket): void => {
    from.on('data', (chunk: Buffer) => {
      if (frozen) return
      // Respect back-pressure so a large transfer does not pile up in memory.
      if (!to.write(chunk)) {
        from.pause()
        to.once('drain', () => from.resume())
      }
    })
    from.on('end', () => {
      if (frozen) link.broken = true
      else to.end()
    })
    from.on('close', () => {
      if (frozen) link.broken = true
      // end(), not destroy(): bytes still queued for `to` (say, a close frame) are delivered first.
      else to.end()
      if (link.client.destroyed && link.upstream.destroyed) links.delete(link)
    })
    // Resets and refused connections end in 'close', handled above.
    from.on('error', () => {})
  }

  const server = createServer((client) => {
    connections += 1
    const upstream = connect({ port: targetPort, host: targetHost })
    const link: Link = { client, upstream, broken: false }
    links.add(link)
    forward(link, client, upstream)
    forward(link, upstream, client)
  })
  const port = await listenOnLoopback(server)

  const dropAll = (): void => {
    for (const link of links) destroy(link)
  }

  return {
    port,
    url: `ws://${LOOPBACK}:${port}`,
    get connections() {
      return connections
    },
    freeze: () => {
      frozen = true
    },
    thaw: () => {
      frozen = false
      for (const link of links) if (link.broken) destroy(link)
    },
    setTarget: (nextPort) => {
      targetPort = nextPort
    },
    dropAll,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        dropAll()
        server.close(() => resolve())
      })
      return closing
    },
  }
}
