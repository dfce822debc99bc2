import type { ChatEntry, ChatLog } from './chatLog.js'

type Message = Extract<ChatEntry, { kind: 'message' }>

/**
 * What changed in the delivery of our messages between two logs, as one sentence for a screen
 * reader, or `null` when nothing worth saying did. Said: messages that waited for the link and
 * have now been delivered ("2 queued messages delivered"), and messages the full queue refused.
 * A message sent on an open link is not news: its line appearing in the log already said it.
 */
export function deliveryNews(before: ChatLog, after: ChatLog): string | null {
  const previous = new Map<string, Message>()
  for (const entry of before.entries) if (isOwn(entry)) previous.set(entry.id, entry)
  let delivered = 0
  let dropped = 0
  for (const entry of after.entries) {
    if (!isOwn(entry)) continue
    const was = previous.get(entry.id)
    if (entry.delivery === 'delivered' && entry.waited && was?.delivery === 'pending') delivered++
    if (entry.delivery === 'dropped' && was?.delivery !== 'dropped') dropped++
  }
  const news: string[] = []
  if (delivered > 0) news.push(`${count(delivered, 'queued message')} delivered`)
  if (dropped > 0) news.push(`${count(dropped, 'message')} not sent: the queue is full`)
  return news.length > 0 ? `${news.join('. ')}.` : null
}

const isOwn = (entry: ChatEntry): entry is Message => entry.kind === 'message' && entry.own
const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`
