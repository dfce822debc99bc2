import { type UseWebSocketOptions, useWebSocket } from '@lifeline/react'
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react'
import { ActionButton } from './ActionButton.js'
import { checkSocketUrl, DEFAULT_CONFIG, type DemoConfig } from './config.js'
import { describeData } from './format.js'
import { LifecyclePanel } from './LifecyclePanel.js'
import { labControls } from './labControls.js'
import { type LogEntry, MessageLog } from './MessageLog.js'
import { TextField } from './TextField.js'

/** Most lines the lab's log keeps. */
const LOG_CAP = 500

export interface LabPageProps {
  /** Server, heartbeat and reconnect settings. Default `DEFAULT_CONFIG`. */
  config?: DemoConfig | undefined
  /** Merged over the lab's own options (a fake `WebSocket`, `watchNetwork: false`…). */
  options?: UseWebSocketOptions | undefined
  /** The clock of the retry countdown. Default `Date.now`. */
  clock?: (() => number) | undefined
}

/**
 * The classic WebSocket test page: a URL, Connect / Send / Close, and a log; beside it, the
 * lifecycle panel shows what Lifeline does underneath (heartbeat, retries, queue). The buttons
 * follow the status (`labControls`): Close becomes Stop while an attempt or a retry is pending, so
 * a wrong or dead URL can always be stopped.
 */
export function LabPage({ config = DEFAULT_CONFIG, options, clock }: LabPageProps): ReactNode {
  const defaultUrl = `${config.server}/lab`
  const [draft, setDraft] = useState(defaultUrl)
  // The field is applied only on Connect: editing it must not tear down a live connection.
  const [url, setUrl] = useState(defaultUrl)
  const [connects, setConnects] = useState(0)
  const [urlError, setUrlError] = useState<string | null>(null)
  const [message, setMessage] = useState('')
  const [log, setLog] = useState<readonly LogEntry[]>([])
  const nextId = useRef(0)
  const urlField = useRef<HTMLInputElement>(null)

  const addLine = (direction: LogEntry['direction'], text: string): void => {
    const id = ++nextId.current
    setLog((lines) => [...lines, { id, direction, text }].slice(-LOG_CAP))
  }

  const ws = useWebSocket(url, {
    autoConnect: false,
    // The lab speaks raw text: JSON parsing would record an error for every echo.
    parse: false,
    heartbeat: { interval: config.interval, timeout: config.timeout },
    reconnect: { minDelay: config.minDelay },
    ...options,
    onMessage: (data, json) => {
      addLine('in', describeData(data))
      options?.onMessage?.(data, json)
    },
  })
  const { status, lifeline } = ws
  const controls = labControls(status)

  // A new URL makes a new connection in the render after Connect: start the one now in place.
  useEffect(() => {
    if (connects > 0) lifeline?.connect()
  }, [connects, lifeline])

  const onConnect = (event: FormEvent): void => {
    event.preventDefault()
    if (!controls.connect) return
    const checked = checkSocketUrl(draft)
    setUrlError(checked === null ? 'Enter an absolute ws:// or wss:// URL.' : null)
    if (checked === null) {
      urlField.current?.focus()
      return
    }
    setUrl(checked)
    setConnects((n) => n + 1)
  }

  const onSend = (event: FormEvent): void => {
    event.preventDefault()
    if (!controls.send) return
    const result = ws.send(message)
    addLine('out', result === 'sent' ? message : `${message} (${result})`)
  }

  return (
    <div className="with-panel">
      <section className="lab-main" aria-label="Connection lab">
        <form className="row" onSubmit={onConnect}>
          <TextField
            label="URL"
            className="grow"
            value={draft}
            onChange={setDraft}
            inputRef={urlField}
            error={urlError}
            spellCheck={false}
            autoComplete="off"
          />
          <ActionButton type="submit" enabled={controls.connect}>
            Connect
          </ActionButton>
          <ActionButton
            enabled={controls.stop}
            onClick={() => ws.disconnect()}
            title={
              controls.stopLabel === 'Stop' ? 'Stop retrying and stay closed' : 'Close the socket'
            }
          >
            {controls.stopLabel}
          </ActionButton>
        </form>
        <form className="row" onSubmit={onSend}>
          <TextField
            label="Message"
            className="grow"
            value={message}
            onChange={setMessage}
            autoComplete="off"
          />
          <ActionButton type="submit" enabled={controls.send}>
            Send
          </ActionButton>
        </form>
        <MessageLog entries={log} />
      </section>
      <LifecyclePanel state={ws} lifeline={lifeline} clock={clock} />
    </div>
  )
}
