// A list of strings (hostnames, header names to remove, CORS origins): one text input per entry
// named `path[i]`, with add and remove buttons. Removing the last entry unsets the list.
import { appendItem, removeItem, replaceItem } from '@gatemap/shared'
import { AddButton } from './fields.tsx'

export function StringListField({
  legend,
  noun,
  path,
  value,
  onChange,
  placeholder,
}: {
  legend: string
  /** Singular, for buttons and labels: "hostname" → "Add hostname", "Remove hostname 2". */
  noun: string
  path: string
  value: readonly string[] | undefined
  onChange(next: string[] | undefined): void
  placeholder?: string
}) {
  return (
    <fieldset className="gm-form-list">
      <legend>{legend}</legend>
      {(value ?? []).length === 0 && <p className="gm-form-empty">None.</p>}
      {(value ?? []).map((entry, i) => (
        // Index keys: entries have no identity of their own, and focus must stay while typing.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className="gm-form-inline" key={i}>
          <label className="gm-form-field">
            <span className="gm-form-label">
              {noun[0]?.toUpperCase()}
              {noun.slice(1)} {i + 1}
            </span>
            <input
              type="text"
              name={`${path}[${i}]`}
              value={entry}
              placeholder={placeholder}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => onChange(replaceItem(value, i, e.target.value))}
            />
          </label>
          <button type="button" className="gm-form-remove" onClick={() => onChange(removeItem(value, i))}>
            Remove {noun} {i + 1}
          </button>
        </div>
      ))}
      <AddButton onClick={() => onChange(appendItem(value, ''))}>Add {noun}</AddButton>
    </fieldset>
  )
}
