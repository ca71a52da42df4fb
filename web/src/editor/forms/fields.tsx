// The form's input primitives. Each renders a visible label around its control and gives the control
// `name` = the field's path in the object (e2e tests find inputs by it). Text fields marked optional
// and number fields write undefined (the key goes) when emptied; others keep ''.
import { type ReactNode, useState } from 'react'

interface Base {
  label: ReactNode
  name: string
}

export function TextField({
  label,
  name,
  value,
  onChange,
  optional = false,
  placeholder,
  list,
}: Base & {
  value: string | undefined
  onChange(next: string | undefined): void
  optional?: boolean
  placeholder?: string
  list?: string
}) {
  return (
    <label className="gm-form-field">
      <span className="gm-form-label">{label}</span>
      <input
        type="text"
        name={name}
        value={value ?? ''}
        placeholder={placeholder}
        list={list}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => onChange(optional && e.target.value === '' ? undefined : e.target.value)}
      />
    </label>
  )
}

/**
 * A number input; empty means unset. Out-of-range values are still written (validation reports
 * them). The typed text is kept locally so a half-typed number is not wiped by a re-render.
 */
export function NumberField({
  label,
  name,
  value,
  onChange,
  placeholder,
}: Base & { value: number | undefined; onChange(next: number | undefined): void; placeholder?: string }) {
  const [text, setText] = useState(value === undefined ? '' : String(value))
  const [shown, setShown] = useState(value)
  if (!Object.is(shown, value)) {
    setShown(value)
    setText(value === undefined ? '' : String(value))
  }
  return (
    <label className="gm-form-field gm-form-number">
      <span className="gm-form-label">{label}</span>
      <input
        type="number"
        name={name}
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value)
          if (e.target.validity.badInput) return
          const next = e.target.value === '' ? undefined : Number(e.target.value)
          setShown(next)
          onChange(next)
        }}
      />
    </label>
  )
}

/**
 * A select over known values plus "unset" (when `unset` is given). A current value outside the list
 * is still offered, so the form shows what the object says.
 */
export function SelectField<V extends string | number>({
  label,
  name,
  value,
  options,
  unset,
  onChange,
}: Base & {
  value: V | undefined
  options: readonly V[]
  /** Text of the "not set" option; without it the field cannot be unset. */
  unset?: string
  onChange(next: V | undefined): void
}) {
  const all = value !== undefined && !options.includes(value) ? [...options, value] : options
  return (
    <label className="gm-form-field">
      <span className="gm-form-label">{label}</span>
      <select
        name={name}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => {
          const picked = all.find((o) => String(o) === e.target.value)
          onChange(picked)
        }}
      >
        {(unset !== undefined || value === undefined) && <option value="">{unset ?? '(not set)'}</option>}
        {all.map((o) => (
          <option key={String(o)} value={String(o)}>
            {String(o)}
            {options.includes(o) ? '' : ' (not a known value)'}
          </option>
        ))}
      </select>
    </label>
  )
}

/** true / false / not set: a checkbox cannot say "not set". */
export function BooleanField({
  label,
  name,
  value,
  onChange,
}: Base & { value: boolean | undefined; onChange(next: boolean | undefined): void }) {
  return (
    <SelectField
      label={label}
      name={name}
      value={value === undefined ? undefined : value ? 'true' : 'false'}
      options={['true', 'false'] as const}
      unset="(not set)"
      onChange={(v) => onChange(v === undefined ? undefined : v === 'true')}
    />
  )
}

export function AddButton({ onClick, children }: { onClick(): void; children: ReactNode }) {
  return (
    <button type="button" className="gm-form-add" onClick={onClick}>
      {children}
    </button>
  )
}
