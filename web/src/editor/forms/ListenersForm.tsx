// The form for a Gateway's (or ListenerSet's) listeners. Edits are written back onto the object, so
// the rest of the Gateway and anything in a listener the form does not show are kept exactly.
import {
  appendItem,
  type Item,
  type ListenerForm,
  type ListenersForm as ListenersFormModel,
  newListener,
  readListenersForm,
  removeItem,
  replaceItem,
  writeListenersForm,
} from '@gatemap/shared'
import { useMemo } from 'react'
import { AddButton } from './fields.tsx'
import { ListenerFields } from './ListenerFields.tsx'
import './forms.css'

export interface ListenersFormProps {
  /** The draft Gateway or ListenerSet (parsed from the editor's YAML). */
  object: Record<string, unknown>
  /** Called with the whole new object after each edit. */
  onChange(next: Record<string, unknown>): void
  readOnly: boolean
}

export function ListenersForm({ object, onChange, readOnly }: ListenersFormProps) {
  const form = useMemo(() => readListenersForm(object), [object])
  const listeners = form.listeners
  const update = (next: Item<ListenerForm>[] | undefined) => {
    const model: ListenersFormModel = { ...form, listeners: next }
    onChange(writeListenersForm(object, model))
  }
  const kind = typeof object.kind === 'string' ? object.kind : 'Gateway'
  return (
    <section className="gm-form" aria-label={`${kind} listeners form`}>
      <fieldset className="gm-form-root" disabled={readOnly}>
        <legend>
          Listeners
          {readOnly && <span className="gm-form-note"> (read only)</span>}
        </legend>
        {(listeners ?? []).length === 0 && <p className="gm-form-empty">None.</p>}
        {(listeners ?? []).map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: list position is the identity the object has
          <fieldset className="gm-form-item gm-form-rule" key={i}>
            <legend>
              Listener {i + 1}
              {l.name ? `: ${l.name}` : ''}
            </legend>
            <ListenerFields
              path={`spec.listeners[${i}]`}
              value={l}
              onChange={(next) => update(replaceItem(listeners, i, next))}
            />
            <button type="button" className="gm-form-remove" onClick={() => update(removeItem(listeners, i))}>
              Remove listener {i + 1}
            </button>
          </fieldset>
        ))}
        <AddButton onClick={() => update(appendItem(listeners, newListener(listeners)))}>
          Add listener
        </AddButton>
      </fieldset>
    </section>
  )
}
