// A rule's backends: where traffic goes, each weight with the share of the rule's traffic it gives
// (computed the way the topology computes it), and per-backend filters where the kind has them.
import {
  appendItem,
  type BackendRefForm,
  backendSplit,
  formatShare,
  type Item,
  newBackendRef,
  removeItem,
  replaceItem,
} from '@gatemap/shared'
import type { RouteFormContext } from './context.ts'
import { FiltersField } from './FiltersField.tsx'
import { AddButton, NumberField } from './fields.tsx'
import { ObjectRefFields } from './ObjectRefFields.tsx'
import { withKey } from './patch.ts'

type BackendRef = Item<BackendRefForm>

export function BackendRefsField({
  ctx,
  path,
  value,
  onChange,
}: {
  ctx: RouteFormContext
  path: string
  value: BackendRef[] | undefined
  onChange(next: BackendRef[] | undefined): void
}) {
  const shares = backendSplit(value)
  return (
    <fieldset className="gm-form-list">
      <legend>Backends</legend>
      {(value ?? []).length === 0 && <p className="gm-form-empty">None.</p>}
      {(value ?? []).map((b, i) => {
        const at = `${path}[${i}]`
        const set = (next: BackendRef) => onChange(replaceItem(value, i, next))
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: list position is the identity the object has
          <fieldset className="gm-form-item" key={i}>
            <legend>
              Backend {i + 1}
              {b.name ? `: ${b.name}` : ''}
            </legend>
            <ObjectRefFields ctx={ctx} path={at} value={b} onChange={set} />
            <div className="gm-form-inline">
              <NumberField
                label="Weight"
                name={`${at}.weight`}
                value={b.weight}
                placeholder="1"
                onChange={(weight) => set(withKey(b, 'weight', weight))}
              />
              <span className="gm-form-share">
                <strong>{formatShare(shares[i] ?? 0)}</strong> of this rule's traffic
              </span>
            </div>
            {ctx.features.filters.length > 0 && (
              <FiltersField
                ctx={ctx}
                legend="Filters for this backend"
                path={`${at}.filters`}
                value={b.filters}
                onChange={(filters) => set(withKey(b, 'filters', filters))}
              />
            )}
            <button type="button" className="gm-form-remove" onClick={() => onChange(removeItem(value, i))}>
              Remove backend {i + 1}
            </button>
          </fieldset>
        )
      })}
      <AddButton onClick={() => onChange(appendItem(value, newBackendRef()))}>Add backend</AddButton>
    </fieldset>
  )
}
