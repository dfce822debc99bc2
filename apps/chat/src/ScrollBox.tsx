import type { ReactNode, Ref } from 'react'

export interface ScrollBoxProps {
  /** The accessible name, e.g. `'Chat log'`. */
  label: string
  /** `true` makes it a polite live region (`role="log"`) for lines added at the end. Default `false`. */
  live?: boolean | undefined
  className: string
  boxRef?: Ref<HTMLElement> | undefined
  children: ReactNode
}

/**
 * A named box that scrolls its list. It takes the keyboard focus, so the lines that overflow can
 * be scrolled without a mouse (WCAG 2.1.1); the list inside keeps its list semantics. A live box
 * is a `log`, a quiet one a `region` (a `section` with a name, as both are).
 */
export function ScrollBox({
  label,
  live = false,
  className,
  boxRef,
  children,
}: ScrollBoxProps): ReactNode {
  const classes = `scroll-box ${className}`
  if (live) {
    return (
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      <section ref={boxRef} role="log" aria-label={label} tabIndex={0} className={classes}>
        {children}
      </section>
    )
  }
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section ref={boxRef} aria-label={label} tabIndex={0} className={classes}>
      {children}
    </section>
  )
}
