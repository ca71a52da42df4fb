// Header and query parameter matches: type (Exact by default, or RegularExpression), name, value.
import {
  appendItem,
  type Item,
  removeItem,
  replaceItem,
  VALUE_MATCH_TYPES,
  type ValueMatchForm,
} from '@gatemap/shared'
import { AddButton, SelectField, TextField } from './fields.tsx'
import { withKey } from './patch.ts'

export function ValueMatchesField({
  legend,
  noun,
  path,
  value,
  onChange,
}: {
  legend: string
  /** "header match" → "Add header match", "Remove header match 2". */
  noun: string
  path: string
  value: Item<ValueMatchForm>[] | undefined
  onChange(next: Item<ValueMatchForm>[] | undefined): void
}) {
  return (
    <fieldset className="gm-form-list">
      <legend>{legend}</legend>
      {(value ?? []).map((m, i) => {
        const at = `${path}[${i}]`
        const set = <K extends keyof ValueMatchForm>(key: K, v: ValueMatchForm[K]) =>
          onChange(replaceItem(value, i, withKey(m, key, v)))
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: list position is the identity the object has
          <div className="gm-form-inline" key={i}>
            <TextField
              label={`Name ${i + 1}`}
              name={`${at}.name`}
              value={m.name}
              onChange={(v) => set('name', v)}
            />
            <SelectField
              label="Type"
              name={`${at}.type`}
              value={m.type}
              options={VALUE_MATCH_TYPES}
              unset="(default: Exact)"
              onChange={(v) => set('type', v)}
            />
            <TextField label="Value" name={`${at}.value`} value={m.value} onChange={(v) => set('value', v)} />
            <button type="button" className="gm-form-remove" onClick={() => onChange(removeItem(value, i))}>
              Remove {noun} {i + 1}
            </button>
          </div>
        )
      })}
      <AddButton onClick={() => onChange(appendItem(value, { name: '', value: '' }))}>Add {noun}</AddButton>
    </fieldset>
  )
}
