import { useEffect, useRef, useState } from 'react'
import type { ChatLog } from './chatLog.js'
import { deliveryNews } from './deliveryNews.js'

/**
 * The latest delivery news of the chat log (see `deliveryNews`), for a live region. The text
 * stays until newer news replaces it; the same sentence twice in a row is told apart by a
 * counter, so a screen reader says it again.
 */
export function useDeliveryNews(log: ChatLog): { readonly text: string; readonly id: number } {
  const previous = useRef(log)
  const [news, setNews] = useState({ text: '', id: 0 })
  useEffect(() => {
    const text = deliveryNews(previous.current, log)
    previous.current = log
    if (text !== null) setNews((last) => ({ text, id: last.id + 1 }))
  }, [log])
  return news
}
