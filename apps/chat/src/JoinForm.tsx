import { type FormEvent, type ReactNode, useId, useState } from 'react'
import { MAX_NAME } from './protocol.js'
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
  const nameId = useId()
  const roomId = useId()

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault()
    const session = { name: name.trim(), room: room.trim() }
    if (session.name !== '' && session.room !== '') onJoin(session)
  }

  return (
    <form className="join" onSubmit={onSubmit}>
      <h2>Join a room</h2>
      <label htmlFor={nameId}>Name</label>
      <input
        id={nameId}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={MAX_NAME}
        autoComplete="nickname"
        required
      />
      <label htmlFor={roomId}>Room</label>
      <input
        id={roomId}
        value={room}
        onChange={(e) => setRoom(e.target.value)}
        maxLength={MAX_NAME}
        autoComplete="off"
        required
      />
      <button type="submit">Join</button>
    </form>
  )
}
