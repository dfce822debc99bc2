// The demo server's command line: `node -C @lifeline/source --import tsx server/main.ts` from
// apps/chat (the condition makes `@lifeline/server` resolve to its source; without it, build it
// first). Environment: see `readConfig`.
import { readConfig } from './config.js'
import { createChatServer } from './createChatServer.js'

async function main(): Promise<void> {
  const server = await createChatServer({
    ...readConfig(process.env),
    log: (line) => console.log(line),
  })
  const http = server.url.replace(/^ws:/, 'http:')
  // Tests and scripts parse this first line: keep its shape.
  console.log(`LISTENING ${server.url}`)
  console.log(
    `Serving ${server.url}/lab (echo lab), ${server.url}/chat (chat), ${http}/metrics and ${http}/health`,
  )

  const shutdown = (signal: NodeJS.Signals): void => {
    console.log(`${signal}: closing`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  // `once`: a second Ctrl-C falls through to Node's default and kills a close that hangs.
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
