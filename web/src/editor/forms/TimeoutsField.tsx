// HTTPRoute rule timeouts, as Gateway API durations ("10s", "1m30s"). Clearing both removes `timeouts`.
import type { TimeoutsForm } from '@gatemap/shared'
import { TextField } from './fields.tsx'
import { withKeyCompact } from './patch.ts'

export function TimeoutsField({
  path,
  value,
  onChange,
}: {
  path: string
  value: TimeoutsForm | undefined
  onChange(next: TimeoutsForm | undefined): void
}) {
  return (
    <fieldset className="gm-form-group">
      <legend>Timeouts</legend>
      <div className="gm-form-inline">
        <TextField
          label="Request"
          name={`${path}.request`}
          value={value?.request}
          optional
          placeholder="e.g. 10s"
          onChange={(v) => onChange(withKeyCompact(value, 'request', v))}
        />
        <TextField
          label="Backend request"
          name={`${path}.backendRequest`}
          value={value?.backendRequest}
          optional
          placeholder="e.g. 2s"
          onChange={(v) => onChange(withKeyCompact(value, 'backendRequest', v))}
        />
      </div>
    </fieldset>
  )
}
