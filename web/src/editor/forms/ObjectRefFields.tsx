// The fields of a reference to a backend (a backendRef, a mirror's backendRef): name with Service
// name suggestions, namespace, port, and kind/group for backends that are not Services.
import type { BackendObjectRefForm } from '@gatemap/shared'
import type { RouteFormContext } from './context.ts'
import { NumberField, TextField } from './fields.tsx'
import { withKey } from './patch.ts'

export function ObjectRefFields<R extends BackendObjectRefForm>({
  ctx,
  path,
  value,
  onChange,
}: {
  ctx: RouteFormContext
  path: string
  value: R
  onChange(next: R): void
}) {
  const set = <K extends keyof BackendObjectRefForm>(key: K, v: R[K]) => onChange(withKey(value, key, v))
  return (
    <div className="gm-form-inline">
      <TextField
        label="Name"
        name={`${path}.name`}
        value={value.name}
        list={ctx.servicesList(value.namespace)}
        onChange={(v) => set('name', v)}
      />
      <TextField
        label="Namespace"
        name={`${path}.namespace`}
        value={value.namespace}
        optional
        placeholder={ctx.namespace}
        onChange={(v) => set('namespace', v)}
      />
      <NumberField label="Port" name={`${path}.port`} value={value.port} onChange={(v) => set('port', v)} />
      <TextField
        label="Kind"
        name={`${path}.kind`}
        value={value.kind}
        optional
        placeholder="Service"
        onChange={(v) => set('kind', v)}
      />
      <TextField
        label="Group"
        name={`${path}.group`}
        value={value.group}
        optional
        placeholder="core"
        onChange={(v) => set('group', v)}
      />
    </div>
  )
}
