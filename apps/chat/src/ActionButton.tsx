import type { ButtonHTMLAttributes, MouseEvent, ReactNode } from 'react'

/** Props of `ActionButton`: whether it can be pressed now, and any other button attribute. */
export interface ActionButtonProps
  extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled' | 'aria-disabled'> {
  /** `false` shows the button as disabled and ignores presses. */
  enabled: boolean
}

/**
 * A button whose pressability follows the connection state. It is disabled with `aria-disabled`
 * rather than `disabled`: a button that disables itself when pressed (Connect, Close) keeps the
 * focus instead of dropping it to the page, and screen readers still find it and say why it is dim.
 */
export function ActionButton({
  enabled,
  onClick,
  type = 'button',
  children,
  ...button
}: ActionButtonProps): ReactNode {
  const press = (event: MouseEvent<HTMLButtonElement>): void => {
    // A submit button must not submit its form either.
    if (!enabled) event.preventDefault()
    else onClick?.(event)
  }
  return (
    <button type={type} aria-disabled={!enabled} onClick={press} {...button}>
      {children}
    </button>
  )
}
