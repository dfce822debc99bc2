import { type ReactNode, useState } from 'react'
import { ChatRoomView } from './ChatRoomView.js'
import { DEFAULT_CONFIG, type DemoConfig, type TransportOptions } from './config.js'
import { LabPage } from './LabPage.js'
import { useChatRoom } from './useChatRoom.js'

/** The demo's pages. */
export type Page = 'lab' | 'chat'

const PAGES: ReadonlyArray<{ id: Page; label: string }> = [
  { id: 'lab', label: 'Connection lab' },
  { id: 'chat', label: 'Chat room' },
]

export interface AppProps {
  /** Server, heartbeat and reconnect settings. Default `DEFAULT_CONFIG`. */
  config?: DemoConfig | undefined
  /** Given to both pages' connections (a fake `WebSocket`, `watchNetwork: false`…). */
  transport?: TransportOptions | undefined
  /** Default `'lab'`. */
  initialPage?: Page | undefined
  /**
   * Shown above the page: `main.tsx` puts the dev script's server controls here in development
   * only, so a production build does not even contain them.
   */
  toolbar?: ReactNode
}

/**
 * The demo: a tab switch between the connection lab and the chat room. The lab's connection lives
 * while its page is shown; the chat room stays mounted (hidden) behind the lab, so a user who looks
 * at the lab stays in the room, with its timeline, and with a session misses nothing said meanwhile.
 */
export function App({
  config = DEFAULT_CONFIG,
  transport,
  initialPage = 'lab',
  toolbar,
}: AppProps): ReactNode {
  const [page, setPage] = useState<Page>(initialPage)
  const room = useChatRoom(config, transport)
  return (
    <>
      <header className="app-header">
        <h1>Lifeline demo</h1>
        <nav aria-label="Pages" className="tabs">
          {PAGES.map(({ id, label }) => (
            <button
              key={id}
              type="button"
              className="tab"
              aria-current={page === id ? 'page' : undefined}
              onClick={() => setPage(id)}
            >
              {label}
            </button>
          ))}
        </nav>
        <p className="muted push-right">
          server <code data-testid="page-server">{config.server}</code>
        </p>
      </header>
      <main>
        {toolbar}
        {page === 'lab' ? <LabPage config={config} options={transport} /> : null}
        {/* Hidden, not unmounted: the room's timeline and drafts are there to come back to. */}
        <div hidden={page !== 'chat'}>
          <ChatRoomView room={room} />
        </div>
      </main>
    </>
  )
}
