import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react'
import { MAX_TEXT } from './protocol.js'
import { TextField } from './TextField.js'

export interface ChatComposerProps {
  /** Called with the text as typed (never blank); the field then clears. */
  onSend: (text: string) => void
}

/**
 * The message box and Send. Works while disconnected too: Lifeline queues what is sent. The box
 * takes the focus when it appears (right after Join), so typing can start at once.
 */
export function ChatComposer({ onSend }: ChatComposerProps): ReactNode {
  const [text, setText] = useState('')
  const field = useRef<HTMLInputElement>(null)
  useEffect(() => field.current?.focus(), [])

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault()
    if (text.trim() === '') return
    onSend(text)
    setText('')
  }

  return (
    <form className="row" onSubmit={onSubmit}>
      <TextField
        label="Message"
        className="grow"
        value={text}
        onChange={setText}
        inputRef={field}
        maxLength={MAX_TEXT}
        autoComplete="off"
      />
      <button type="submit">Send</button>
    </form>
  )
}
