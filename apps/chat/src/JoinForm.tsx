import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react'
import { MAX_NAME } from './protocol.js'
import { TextField } from './TextField.js'
import type { ChatMembership } from './useChatRoom.js'

export interface JoinFormProps {
  /** Called with the trimmed name and room. */
  onJoin: (membership: ChatMembership) => void
  /** Default `''`. */
  initialName?: string | undefined
  /** Default `'lobby'`. */
  initialRoom?: string | undefined
  /** Move the focus to Name when the form appears: after Leave, whose button is then gone. Default `false`. */
  focusOnMount?: boolean | undefined
}

/** Pick a name and a room, then Join. */
export function JoinForm({
  onJoin,
  initialName = '',
  initialRoom = 'lobby',
  focusOnMount = false,
}: JoinFormProps): ReactNode {
  const [name, setName] = useState(initialName)
  const [room, setRoom] = useState(initialRoom)
  const [blank, setBlank] = useState<'name' | 'room' | null>(null)
  const nameField = useRef<HTMLInputElement>(null)
  const roomField = useRef<HTMLInputElement>(null)
  // Read once: the form appears focused or not, and later renders must not steal the focus.
  const [focusFirst] = useState(focusOnMount)
  useEffect(() => {
    if (focusFirst) nameField.current?.focus()
  }, [focusFirst])

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault()
    const membership = { name: name.trim(), room: room.trim() }
    // `required` stops an empty field, not one of spaces only: say so beside the field.
    const missing = membership.name === '' ? 'name' : membership.room === '' ? 'room' : null
    setBlank(missing)
    if (missing === null) onJoin(membership)
    else (missing === 'name' ? nameField : roomField).current?.focus()
  }

  return (
    <form className="join" onSubmit={onSubmit}>
      <h2>Join a room</h2>
      <TextField
        label="Name"
        value={name}
        onChange={setName}
        inputRef={nameField}
        error={blank === 'name' ? 'Enter a name (not only spaces).' : null}
        maxLength={MAX_NAME}
        autoComplete="nickname"
        required
      />
      <TextField
        label="Room"
        value={room}
        onChange={setRoom}
        inputRef={roomField}
        error={blank === 'room' ? 'Enter a room (not only spaces).' : null}
        maxLength={MAX_NAME}
        autoComplete="off"
        required
      />
      <button type="submit">Join</button>
    </form>
  )
}
