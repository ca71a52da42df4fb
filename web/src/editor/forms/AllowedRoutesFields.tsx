// Which routes may attach to a listener: from which namespaces (All, Same, or those a label selector
// picks) and of which kinds. matchExpressions are shown by count and kept; they are edited in YAML.
import {
  type AllowedRoutesForm,
  appendItem,
  type Item,
  NAMESPACES_FROM,
  removeItem,
  replaceItem,
} from '@gatemap/shared'
import { AddButton, SelectField, TextField } from './fields.tsx'
import { KeyValueField } from './KeyValueField.tsx'
import { withKey, withKeyCompact } from './patch.ts'

type Kinds = Item<{ group?: string; kind?: string }>[]

function KindsField({
  path,
  value,
  onChange,
}: {
  path: string
  value: Kinds | undefined
  onChange(next: Kinds | undefined): void
}) {
  return (
    <fieldset className="gm-form-list">
      <legend>Route kinds (none: those the protocol supports)</legend>
      {(value ?? []).map((k, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list position is the identity the object has
        <div className="gm-form-inline" key={i}>
          <TextField
            label={`Kind ${i + 1}`}
            name={`${path}[${i}].kind`}
            value={k.kind}
            placeholder="HTTPRoute"
            onChange={(v) => onChange(replaceItem(value, i, withKey(k, 'kind', v)))}
          />
          <TextField
            label="Group"
            name={`${path}[${i}].group`}
            value={k.group}
            optional
            placeholder="gateway.networking.k8s.io"
            onChange={(v) => onChange(replaceItem(value, i, withKey(k, 'group', v)))}
          />
          <button type="button" className="gm-form-remove" onClick={() => onChange(removeItem(value, i))}>
            Remove kind {i + 1}
          </button>
        </div>
      ))}
      <AddButton onClick={() => onChange(appendItem(value, { kind: '' }))}>Add kind</AddButton>
    </fieldset>
  )
}

export function AllowedRoutesFields({
  path,
  value,
  onChange,
}: {
  path: string
  value: AllowedRoutesForm | undefined
  onChange(next: AllowedRoutesForm | undefined): void
}) {
  const namespaces = value?.namespaces
  const selector = namespaces?.selector
  const expressions = Array.isArray(selector?.matchExpressions) ? selector.matchExpressions.length : 0
  const setNamespaces = (next: AllowedRoutesForm['namespaces']) =>
    onChange(withKeyCompact(value, 'namespaces', next))
  return (
    <fieldset className="gm-form-group">
      <legend>Allowed routes</legend>
      <SelectField
        label="From namespaces"
        name={`${path}.namespaces.from`}
        value={namespaces?.from}
        options={NAMESPACES_FROM}
        unset="(default: Same)"
        onChange={(from) => setNamespaces(withKeyCompact(namespaces, 'from', from))}
      />
      {(namespaces?.from === 'Selector' || selector !== undefined) && (
        <>
          <KeyValueField
            legend="Namespace labels (matchLabels)"
            noun="label"
            path={`${path}.namespaces.selector.matchLabels`}
            value={selector?.matchLabels}
            onChange={(matchLabels) =>
              setNamespaces(
                withKey(namespaces, 'selector', withKeyCompact(selector, 'matchLabels', matchLabels)),
              )
            }
          />
          {expressions > 0 && (
            <p className="gm-form-note">
              {expressions} matchExpressions {expressions === 1 ? 'entry' : 'entries'} kept; edit them in
              YAML.
            </p>
          )}
        </>
      )}
      <KindsField
        path={`${path}.kinds`}
        value={value?.kinds}
        onChange={(kinds) => onChange(withKeyCompact(value, 'kinds', kinds))}
      />
    </fieldset>
  )
}
