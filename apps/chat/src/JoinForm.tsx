import { type FormEvent, type ReactNode, useState } from 'react'
import { MAX_NAME } from './protocol.js'
import { TextField } from './TextField.js'
import type { ChatSession } from './useChatRoom.js'

export interface JoinFormProps {
  /** Called with the trimmed name and room. */
  onJoin: (session: ChatSession) => void
  /** Default `''`. */
  initialName?: string | undefined
  /** Default `'lobby'`. */
  initialRoom?: string | undefined
}

/** Pick a name and a room, then Join. */
export function JoinForm({
  onJoin,
  initialName = '',
  initialRoom = 'lobby',
}: JoinFormProps): ReactNode {
  const [name, setName] = useState(initialName)
  const [room, setRoom] = useState(initialRoom)

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault()
    const session = { name: name.trim(), room: room.trim() }
    if (session.name !== '' && session.room !== '') onJoin(session)
  }

  return (
    <form className="join" onSubmit={onSubmit}>
      <h2>Join a room</h2>
      <TextField
        label="Name"
        value={name}
        onChange={setName}
        maxLength={MAX_NAME}
        autoComplete="nickname"
        required
      />
      <TextField
        label="Room"
        value={room}
        onChange={setRoom}
        maxLength={MAX_NAME}
        autoComplete="off"
        required
      />
      <button type="submit">Join</button>
    </form>
  )
}
