// One listener: name, protocol (the standard ones, or any other the implementation defines), port,
// hostname, TLS and allowedRoutes.
import { type Item, LISTENER_PROTOCOLS, type ListenerForm } from '@gatemap/shared'
import { AllowedRoutesFields } from './AllowedRoutesFields.tsx'
import { NumberField, TextField } from './fields.tsx'
import { ListenerTlsFields } from './ListenerTlsFields.tsx'
import { withKey } from './patch.ts'

type Listener = Item<ListenerForm>
const OTHER = 'other'

function ProtocolField({
  path,
  value,
  onChange,
}: {
  path: string
  value: string | undefined
  onChange(next: string | undefined): void
}) {
  const known = value === undefined || (LISTENER_PROTOCOLS as readonly string[]).includes(value)
  return (
    <>
      <label className="gm-form-field">
        <span className="gm-form-label">Protocol</span>
        <select
          name={path}
          value={known ? (value ?? '') : OTHER}
          onChange={(e) => onChange(e.target.value === OTHER ? '' : e.target.value || undefined)}
        >
          {value === undefined && <option value="">(not set)</option>}
          {LISTENER_PROTOCOLS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
          <option value={OTHER}>Other…</option>
        </select>
      </label>
      {!known && (
        // The select above carries the field's path; this is the free text behind "Other".
        <TextField
          label="Other protocol"
          name={`${path}#other`}
          value={value}
          placeholder="example.com/PROTOCOL"
          onChange={onChange}
        />
      )}
    </>
  )
}

export function ListenerFields({
  path,
  value,
  onChange,
}: {
  path: string
  value: Listener
  onChange(next: Listener): void
}) {
  const set =
    <K extends keyof ListenerForm>(key: K) =>
    (v: ListenerForm[K]) =>
      onChange(withKey(value, key, v))
  const wantsTls = value.protocol === 'HTTPS' || value.protocol === 'TLS' || value.tls !== undefined
  return (
    <>
      <div className="gm-form-inline">
        <TextField label="Name" name={`${path}.name`} value={value.name} onChange={set('name')} />
        <ProtocolField path={`${path}.protocol`} value={value.protocol} onChange={set('protocol')} />
        <NumberField label="Port" name={`${path}.port`} value={value.port} onChange={set('port')} />
        <TextField
          label="Hostname"
          name={`${path}.hostname`}
          value={value.hostname}
          optional
          placeholder="(any)"
          onChange={set('hostname')}
        />
      </div>
      {wantsTls && <ListenerTlsFields path={`${path}.tls`} value={value.tls} onChange={set('tls')} />}
      <AllowedRoutesFields
        path={`${path}.allowedRoutes`}
        value={value.allowedRoutes}
        onChange={set('allowedRoutes')}
      />
    </>
  )
}
