import { type InputHTMLAttributes, type ReactNode, useId } from 'react'

/** Props of `TextField`: its label, its text, and any other input attribute. */
export interface TextFieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> {
  label: string
  value: string
  onChange: (value: string) => void
}

/** A labelled text input (label and input side by side, for the form's own layout). */
export function TextField({ label, value, onChange, ...input }: TextFieldProps): ReactNode {
  const id = useId()
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} {...input} />
    </>
  )
}
