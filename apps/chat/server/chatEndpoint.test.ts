import { registerCleanup } from '@lifeline/test-utils'
import { describe, expect, it } from 'vitest'
import { HEARTBEAT } from '../src/protocol.js'
import { connect, startServer, type TestClient } from './testSupport.js'

const cleanup = registerCleanup()

/** Two clients in room 'lobby', ada then bob, with the join traffic already read. */
async function twoInLobby() {
  const server = await startServer(cleanup)
  const ada = await connect(cleanup, `${server.url}/chat`)
  const bob = await connect(cleanup, `${server.url}/chat`)
  ada.sendJson({ type: 'join', room: 'lobby', name: 'ada' })
  await ada.nextJson()
  bob.sendJson({ type: 'join', room: 'lobby', name: 'bob' })
  return { server, ada, bob }
}

const expectError = async (client: TestClient, code: string): Promise<void> => {
  expect(await client.nextJson()).toMatchObject({
    type: 'error',
    code,
    message: expect.any(String),
  })
}

describe('/chat names', () => {
  it('normalises names and refuses invisible characters, with a bad-name error', async () => {
    const server = await startServer(cleanup)
    const client = await connect(cleanup, `${server.url}/chat`)
    client.sendJson({ type: 'join', room: 'lobby', name: 'admin\u200b' })
    await expectError(client, 'bad-name')
    client.sendJson({ type: 'join', room: 'lobby\u202e', name: 'ada' })
    await expectError(client, 'bad-name')
    client.sendJson({ type: 'join', room: 'ｌｏｂｂｙ', name: '  Ａda  ' })
    expect(await client.nextJson()).toMatchObject({ type: 'welcome', room: 'lobby', name: 'Ada' })
  })

  it('keeps names unique in a room, case and look-alikes included, and lets a key take its own back', async () => {
    const server = await startServer(cleanup)
    const url = `${server.url}/chat`
    const first = await connect(cleanup, url)
    first.sendJson({ type: 'join', room: 'lobby', name: 'admin', key: 'key-1' })
    await first.nextJson()
    const impostor = await connect(cleanup, url)
    for (const name of ['Admin', 'аdmin', 'adm1n', 'ad_min']) {
      impostor.sendJson({ type: 'join', room: 'lobby', name, key: 'key-2' })
      await expectError(impostor, 'name-taken')
    }
    impostor.sendJson({ type: 'join', room: 'elsewhere', name: 'admin' })
    expect(await impostor.nextJson()).toMatchObject({ type: 'welcome', room: 'elsewhere' })
    // The same client on a new socket, before the old one was swept: it takes its name back.
    const back = await connect(cleanup, url)
    back.sendJson({ type: 'join', room: 'lobby', name: 'admin', key: 'key-1' })
    expect(await back.nextJson()).toMatchObject({ type: 'welcome', members: ['admin'] })
    expect(await first.closed).toBe(4409)
  })
})

describe('/chat', () => {
  it('welcomes a joiner and tells the others', async () => {
    const { ada, bob } = await twoInLobby()
    expect(await bob.nextJson()).toEqual({
      type: 'welcome',
      room: 'lobby',
      name: 'bob',
      members: ['ada', 'bob'],
      history: [],
    })
    expect(await ada.nextJson()).toEqual({ type: 'joined', name: 'bob', at: expect.any(Number) })
  })

  it('broadcasts a line to the whole room under an id of its own, the ref to its sender only', async () => {
    const { server, ada, bob } = await twoInLobby()
    await bob.nextJson()
    await ada.nextJson()
    const before = Date.now()
    bob.sendJson({ type: 'say', ref: 'b-1', text: 'hi all' })
    const toAda = await ada.nextJson()
    expect(toAda).toEqual({
      type: 'message',
      room: 'lobby',
      id: expect.any(String),
      name: 'bob',
      text: 'hi all',
      at: expect.any(Number),
    })
    expect(await bob.nextJson()).toEqual({ ...toAda, ref: 'b-1' })
    expect(toAda.type === 'message' && toAda.at).toBeGreaterThanOrEqual(before)
    const id = toAda.type === 'message' ? toAda.id : ''
    expect(id).not.toBe('b-1')

    const cy = await connect(cleanup, `${server.url}/chat`)
    cy.sendJson({ type: 'join', room: 'lobby', name: 'cy' })
    expect(await cy.nextJson()).toMatchObject({
      type: 'welcome',
      members: ['ada', 'bob', 'cy'],
      history: [{ id, name: 'bob', text: 'hi all' }],
    })
  })

  it('a line sent again with the same ref is posted once: the sender gets it back, nobody else', async () => {
    const { ada, bob } = await twoInLobby()
    await bob.nextJson()
    await ada.nextJson()
    bob.sendJson({ type: 'say', ref: 'again', text: 'once' })
    const first = await bob.nextJson()
    await ada.nextJson()
    bob.sendJson({ type: 'say', ref: 'again', text: 'once' })
    expect(await bob.nextJson()).toEqual(first)
    ada.sendJson({ type: 'say', ref: 'probe', text: 'next' })
    // Ada's next frame is her own line: Bob's repeat never reached her.
    expect(await ada.nextJson()).toMatchObject({ ref: 'probe' })
  })

  it('tells the others when a member closes its socket or leaves', async () => {
    const { server, ada, bob } = await twoInLobby()
    await bob.nextJson()
    await ada.nextJson()
    bob.socket.close()
    expect(await ada.nextJson()).toEqual({ type: 'left', name: 'bob', at: expect.any(Number) })

    const cy = await connect(cleanup, `${server.url}/chat`)
    cy.sendJson({ type: 'join', room: 'lobby', name: 'cy' })
    await cy.nextJson()
    await ada.nextJson()
    cy.sendJson({ type: 'leave' })
    expect(await ada.nextJson()).toMatchObject({ type: 'left', name: 'cy' })
    // Left, so no longer in a room.
    cy.sendJson({ type: 'say', ref: 'c-1', text: 'anyone?' })
    expect(await cy.nextJson()).toMatchObject({ type: 'error', code: 'not-joined', ref: 'c-1' })
  })

  it('answers bad JSON with an error and keeps the connection usable', async () => {
    const server = await startServer(cleanup)
    const client = await connect(cleanup, `${server.url}/chat`)
    client.socket.send('{not json')
    await expectError(client, 'bad-json')
    client.sendJson({ type: 'join', room: 'r', name: 'n' })
    expect(await client.nextJson()).toMatchObject({ type: 'welcome', room: 'r', name: 'n' })
  })

  it('refuses an unknown type, an invalid join and a binary frame as bad-message', async () => {
    const server = await startServer(cleanup)
    const client = await connect(cleanup, `${server.url}/chat`)
    client.sendJson({ type: 'shout', text: 'HEY' })
    await expectError(client, 'bad-message')
    client.sendJson({ type: 'join', room: '', name: 'n' })
    await expectError(client, 'bad-message')
    client.socket.send(Buffer.from('{"type":"leave"}'), { binary: true })
    await expectError(client, 'bad-message')
    expect(client.socket.readyState).toBe(client.socket.OPEN)
  })

  it('refuses say before join with not-joined', async () => {
    const server = await startServer(cleanup)
    const client = await connect(cleanup, `${server.url}/chat`)
    client.sendJson({ type: 'say', ref: 'x', text: 'too early' })
    expect(await client.nextJson()).toMatchObject({ type: 'error', code: 'not-joined', ref: 'x' })
  })

  it('answers the JSON heartbeat and neither echoes nor refuses it', async () => {
    const server = await startServer(cleanup)
    const client = await connect(cleanup, `${server.url}/chat`)
    client.socket.send(HEARTBEAT.ping)
    client.socket.send('ping') // the lab's heartbeat means nothing here
    expect((await client.next()).data).toBe(HEARTBEAT.pong)
    await expectError(client, 'bad-json')
    expect(server.metrics()).toMatchObject({ messagesIn: 1, messagesOut: 1 })
  })

  it('moves a member to the room it joins next', async () => {
    const { ada, bob } = await twoInLobby()
    await bob.nextJson()
    await ada.nextJson()
    bob.sendJson({ type: 'join', room: 'elsewhere', name: 'bob' })
    expect(await ada.nextJson()).toMatchObject({ type: 'left', name: 'bob' })
    expect(await bob.nextJson()).toMatchObject({
      type: 'welcome',
      room: 'elsewhere',
      members: ['bob'],
    })
    // Each sender's next frame is its own line: neither saw the other's.
    ada.sendJson({ type: 'say', ref: 'a-1', text: 'alone now' })
    expect(await ada.nextJson()).toMatchObject({ type: 'message', room: 'lobby', ref: 'a-1' })
    bob.sendJson({ type: 'say', ref: 'b-2', text: 'over here' })
    expect(await bob.nextJson()).toMatchObject({ type: 'message', room: 'elsewhere', ref: 'b-2' })
    ada.sendJson({ type: 'say', ref: 'a-3', text: 'still alone' })
    expect(await ada.nextJson()).toMatchObject({ type: 'message', ref: 'a-3' })
  })
})
