import { type InputHTMLAttributes, type ReactNode, type Ref, useId } from 'react'

/** Props of `TextField`: its label, its text, and any other input attribute. */
export interface TextFieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> {
  label: string
  value: string
  onChange: (value: string) => void
  /** The input element, to move focus to it. */
  inputRef?: Ref<HTMLInputElement> | undefined
  /** An error to show under the field, tied to it (`aria-invalid`, `aria-describedby`). */
  error?: string | null | undefined
}

/**
 * A labelled text input (label and input side by side, for the form's own layout). An `error` is
 * announced when it appears (`role="alert"`) and read again with the field, which is marked invalid.
 */
export function TextField({
  label,
  value,
  onChange,
  inputRef,
  error,
  ...input
}: TextFieldProps): ReactNode {
  const id = useId()
  const errorId = `${id}-error`
  const hasError = error !== null && error !== undefined
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={hasError || undefined}
        aria-describedby={hasError ? errorId : undefined}
        {...input}
      />
      {hasError && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  )
}
