// RequestHeaderModifier / ResponseHeaderModifier: headers to set, to add, and names to remove.
import {
  appendItem,
  type HeaderModifierForm,
  type Item,
  type NameValueForm,
  removeItem,
  replaceItem,
} from '@gatemap/shared'
import { AddButton, TextField } from './fields.tsx'
import { withKey } from './patch.ts'
import { StringListField } from './StringListField.tsx'

function NameValues({
  legend,
  verb,
  path,
  value,
  onChange,
}: {
  legend: string
  verb: string
  path: string
  value: Item<NameValueForm>[] | undefined
  onChange(next: Item<NameValueForm>[] | undefined): void
}) {
  return (
    <fieldset className="gm-form-list">
      <legend>{legend}</legend>
      {(value ?? []).map((h, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list position is the identity the object has
        <div className="gm-form-inline" key={i}>
          <TextField
            label={`Header ${i + 1}`}
            name={`${path}[${i}].name`}
            value={h.name}
            onChange={(v) => onChange(replaceItem(value, i, withKey(h, 'name', v)))}
          />
          <TextField
            label="Value"
            name={`${path}[${i}].value`}
            value={h.value}
            onChange={(v) => onChange(replaceItem(value, i, withKey(h, 'value', v)))}
          />
          <button type="button" className="gm-form-remove" onClick={() => onChange(removeItem(value, i))}>
            Remove header to {verb} {i + 1}
          </button>
        </div>
      ))}
      <AddButton onClick={() => onChange(appendItem(value, { name: '', value: '' }))}>
        Add header to {verb}
      </AddButton>
    </fieldset>
  )
}

export function HeaderModifierFields({
  path,
  value,
  onChange,
}: {
  path: string
  value: HeaderModifierForm | undefined
  onChange(next: HeaderModifierForm): void
}) {
  return (
    <>
      <NameValues
        legend="Set (replace)"
        verb="set"
        path={`${path}.set`}
        value={value?.set}
        onChange={(set) => onChange(withKey(value, 'set', set))}
      />
      <NameValues
        legend="Add (append)"
        verb="add"
        path={`${path}.add`}
        value={value?.add}
        onChange={(add) => onChange(withKey(value, 'add', add))}
      />
      <StringListField
        legend="Remove"
        noun="header to remove"
        path={`${path}.remove`}
        value={value?.remove}
        onChange={(remove) => onChange(withKey(value, 'remove', remove))}
      />
    </>
  )
}
