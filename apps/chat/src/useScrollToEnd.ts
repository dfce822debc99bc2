import { type RefObject, useLayoutEffect, useRef } from 'react'

/** Keeps a scrolling list at its end when `items` change, like a terminal. */
export function useScrollToEnd<T extends HTMLElement>(items: unknown): RefObject<T | null> {
  const ref = useRef<T>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls again whenever the items change
  useLayoutEffect(() => {
    const element = ref.current
    if (element) element.scrollTop = element.scrollHeight
  }, [items])
  return ref
}
