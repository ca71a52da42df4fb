// A string map (matchLabels, TLS options) as rows of key and value, in the object's order. Renaming a
// key rebuilds the map in place, so the order people see is the order written.
import { AddButton } from './fields.tsx'

type Entries = [string, string][]

function toRecord(entries: Entries): Record<string, string> | undefined {
  return entries.length === 0 ? undefined : Object.fromEntries(entries)
}

export function KeyValueField({
  legend,
  noun,
  path,
  value,
  onChange,
}: {
  legend: string
  /** "label" → "Add label", "Label 2 key". */
  noun: string
  path: string
  value: Readonly<Record<string, string>> | undefined
  onChange(next: Record<string, string> | undefined): void
}) {
  const entries: Entries = Object.entries(value ?? {})
  const set = (i: number, entry: [string, string]) =>
    onChange(toRecord(entries.map((e, k) => (k === i ? entry : e))))
  const Noun = `${noun[0]?.toUpperCase() ?? ''}${noun.slice(1)}`
  return (
    <fieldset className="gm-form-list">
      <legend>{legend}</legend>
      {entries.length === 0 && <p className="gm-form-empty">None.</p>}
      {entries.map(([key, val], i) => (
        // Index keys: the key itself changes while it is typed, and focus must stay.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className="gm-form-inline" key={i}>
          <label className="gm-form-field">
            <span className="gm-form-label">
              {Noun} {i + 1} key
            </span>
            <input
              type="text"
              name={`${path}#key${i}`}
              value={key}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => set(i, [e.target.value, val])}
            />
          </label>
          <label className="gm-form-field">
            <span className="gm-form-label">
              {Noun} {i + 1} value
            </span>
            <input
              type="text"
              name={`${path}.${key}`}
              value={val}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => set(i, [key, e.target.value])}
            />
          </label>
          <button
            type="button"
            className="gm-form-remove"
            onClick={() => onChange(toRecord(entries.filter((_, k) => k !== i)))}
          >
            Remove {noun} {i + 1}
          </button>
        </div>
      ))}
      {/* Two new rows would share the key '' and collapse into one; finish the first one first. */}
      {!entries.some(([k]) => k === '') && (
        <AddButton onClick={() => onChange(toRecord([...entries, ['', '']]))}>Add {noun}</AddButton>
      )}
    </fieldset>
  )
}
