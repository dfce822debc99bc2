// A tour of what Lifeline does when a WebSocket dies, against a local server, printed live.
// 1. open and echo; 2. the server restarts; 3. the server freezes (a half-open link: TCP up,
// nothing answers, no close event); 4. a deliberate close, after which nothing reconnects.
import { createLifeline } from '@lifeline/core'
import WebSocket, { WebSocketServer } from 'ws'

const t0 = Date.now()
const log = (text) => console.log(`${String(Date.now() - t0).padStart(6)} ms  ${text}`)
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Resolves when the connection's state satisfies `check`. */
function until(check) {
  return new Promise((resolve) => {
    if (check(line.store.getState())) return resolve()
    const off = line.store.subscribe((state) => {
      if (check(state)) {
        off()
        resolve()
      }
    })
  })
}

let frozen = false
let wss
async function listen(port = 0) {
  wss = new WebSocketServer({ host: '127.0.0.1', port })
  await new Promise((resolve) => wss.once('listening', resolve))
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      if (frozen) return
      const text = data.toString()
      socket.send(text === 'ping' ? 'pong' : `echo: ${text}`)
    })
  })
  return wss.address().port
}
async function stop() {
  for (const client of wss.clients) client.terminate()
  await new Promise((resolve) => wss.close(resolve))
}

const port = await listen()
const url = `ws://127.0.0.1:${port}/`
log(`server listening on ${url}`)

const line = createLifeline(url, {
  WebSocket,
  heartbeat: { interval: 1_000, timeout: 1_000 },
  reconnect: { minDelay: 500, maxDelay: 4_000, minUptime: 1_000 },
  parse: false,
})
line.onEvent((event) => {
  if (event.type === 'status') log(`status → ${event.status}`)
  if (event.type === 'ping') log('ping →')
  if (event.type === 'pong') log(`← pong (${event.latency} ms)`)
  if (event.type === 'retry') log(`retry #${event.attempt} in ${event.retryAt - event.at} ms`)
  if (event.type === 'close') log(`closed ${event.close.code} ${event.close.reason}`)
  if (event.type === 'error') log(`error [${event.error.kind}] ${event.error.message}`)
})
line.onMessage((data) => log(`message: ${data}`))

log(`send → ${line.send('queued before open')}`)
await sleep(1_500)

log('--- the server restarts')
await stop()
await until((state) => state.status !== 'open')
log(`send while down → ${line.send('sent while the server was down')}`)
await sleep(1_200)
await listen(port)
await sleep(1_500)

log('--- the server freezes: TCP stays up, nothing answers, no close event')
frozen = true
const frozeAt = Date.now()
await until((state) => state.status !== 'open')
log(`dead link detected after ${Date.now() - frozeAt} ms (interval 1000 + timeout 1000)`)
frozen = false
await until((state) => state.status === 'open')
log(`new socket open ${Date.now() - frozeAt} ms after the freeze`)

log('--- a deliberate close: no reconnect')
line.disconnect(1000, 'bye')
await sleep(1_500)
log(`final status: ${line.store.getState().status}`)
line.destroy()
await stop()
