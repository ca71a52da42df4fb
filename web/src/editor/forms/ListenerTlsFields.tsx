// A listener's TLS: mode, the certificates (Secret references) it serves, implementation options.
import {
  appendItem,
  type CertificateRefForm,
  type Item,
  type ListenerTlsForm,
  removeItem,
  replaceItem,
  TLS_MODES,
} from '@gatemap/shared'
import { AddButton, SelectField, TextField } from './fields.tsx'
import { KeyValueField } from './KeyValueField.tsx'
import { withKey, withKeyCompact } from './patch.ts'

function CertificateRefs({
  path,
  value,
  onChange,
}: {
  path: string
  value: Item<CertificateRefForm>[] | undefined
  onChange(next: Item<CertificateRefForm>[] | undefined): void
}) {
  return (
    <fieldset className="gm-form-list">
      <legend>Certificates</legend>
      {(value ?? []).map((ref, i) => {
        const at = `${path}[${i}]`
        const set = (key: keyof CertificateRefForm) => (v: string | undefined) =>
          onChange(replaceItem(value, i, withKey(ref, key, v)))
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: list position is the identity the object has
          <div className="gm-form-inline" key={i}>
            <TextField
              label={`Certificate ${i + 1} name`}
              name={`${at}.name`}
              value={ref.name}
              onChange={set('name')}
            />
            <TextField
              label="Namespace"
              name={`${at}.namespace`}
              value={ref.namespace}
              optional
              placeholder="(the Gateway's)"
              onChange={set('namespace')}
            />
            <TextField
              label="Kind"
              name={`${at}.kind`}
              value={ref.kind}
              optional
              placeholder="Secret"
              onChange={set('kind')}
            />
            <TextField
              label="Group"
              name={`${at}.group`}
              value={ref.group}
              optional
              placeholder="core"
              onChange={set('group')}
            />
            <button type="button" className="gm-form-remove" onClick={() => onChange(removeItem(value, i))}>
              Remove certificate {i + 1}
            </button>
          </div>
        )
      })}
      <AddButton onClick={() => onChange(appendItem(value, { name: '' }))}>Add certificate</AddButton>
    </fieldset>
  )
}

export function ListenerTlsFields({
  path,
  value,
  onChange,
}: {
  path: string
  value: ListenerTlsForm | undefined
  onChange(next: ListenerTlsForm | undefined): void
}) {
  return (
    <fieldset className="gm-form-group">
      <legend>TLS</legend>
      <SelectField
        label="Mode"
        name={`${path}.mode`}
        value={value?.mode}
        options={TLS_MODES}
        unset="(default: Terminate)"
        onChange={(mode) => onChange(withKeyCompact(value, 'mode', mode))}
      />
      <CertificateRefs
        path={`${path}.certificateRefs`}
        value={value?.certificateRefs}
        onChange={(refs) => onChange(withKeyCompact(value, 'certificateRefs', refs))}
      />
      <KeyValueField
        legend="Options"
        noun="option"
        path={`${path}.options`}
        value={value?.options}
        onChange={(options) => onChange(withKeyCompact(value, 'options', options))}
      />
    </fieldset>
  )
}
