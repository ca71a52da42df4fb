// The form for a route of any kind (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute). It reads the
// draft into a form model and writes every edit back onto the draft, so whatever the form does not
// show (status, retry, vendor fields, unknown keys inside rules) is kept exactly.
import {
  isRouteKind,
  type ParentChoice,
  type RouteForm as RouteFormModel,
  readRouteForm,
  routeFeatures,
  writeRouteForm,
} from '@gatemap/shared'
import { useId, useMemo } from 'react'
import type { RouteFormContext } from './context.ts'
import { HostnamesField } from './HostnamesField.tsx'
import { ParentRefsField } from './ParentRefsField.tsx'
import { RulesField } from './RulesField.tsx'
import './forms.css'

export interface RouteFormProps {
  /** The draft object (parsed from the editor's YAML). */
  object: Record<string, unknown>
  /** Called with the whole new object after each edit. */
  onChange(next: Record<string, unknown>): void
  /** Places this route could attach to, with whether it would be accepted there and why not. */
  parents: readonly ParentChoice[]
  /** Names of Services in the cluster by namespace, for the backendRef name field (datalist suggestions). */
  services: ReadonlyMap<string, readonly string[]>
  readOnly: boolean
}

function metadata(object: Record<string, unknown>): { name?: unknown; namespace?: unknown } {
  const meta = object.metadata
  return typeof meta === 'object' && meta !== null ? meta : {}
}

/** Namespaces whose Service names the form may suggest: the route's own and any a reference names. */
function referencedNamespaces(form: RouteFormModel, own: string): Set<string> {
  const out = new Set([own])
  for (const rule of form.rules ?? []) {
    for (const b of rule.backendRefs ?? []) {
      if (b.namespace) out.add(b.namespace)
      for (const f of b.filters ?? [])
        if (f.requestMirror?.backendRef?.namespace) out.add(f.requestMirror.backendRef.namespace)
    }
    for (const f of rule.filters ?? [])
      if (f.requestMirror?.backendRef?.namespace) out.add(f.requestMirror.backendRef.namespace)
  }
  return out
}

export function RouteForm({ object, onChange, parents, services, readOnly }: RouteFormProps) {
  const kind = object.kind
  const form = useMemo(() => (isRouteKind(kind) ? readRouteForm(object) : undefined), [object, kind])
  const listPrefix = useId()
  if (form === undefined || !isRouteKind(kind)) {
    return <p className="gm-form-note">This form edits routes; {String(kind)} is not one.</p>
  }
  const meta = metadata(object)
  // kubectl's rule: an object that names no namespace goes to "default".
  const namespace = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default'
  const namespaces = [...referencedNamespaces(form, namespace)].filter(
    (ns) => (services.get(ns)?.length ?? 0) > 0,
  )
  const listId = (ns: string) => `${listPrefix}-services-${namespaces.indexOf(ns)}`
  const ctx: RouteFormContext = {
    kind,
    features: routeFeatures(kind),
    namespace,
    servicesList: (ns) => (namespaces.includes(ns ?? namespace) ? listId(ns ?? namespace) : undefined),
  }
  const update = (next: RouteFormModel) => onChange(writeRouteForm(object, next))

  return (
    <section className="gm-form" aria-label={`${kind} form`}>
      <fieldset className="gm-form-root" disabled={readOnly}>
        <legend>
          {kind} {typeof meta.name === 'string' ? meta.name : ''}
          {readOnly && <span className="gm-form-note"> (read only)</span>}
        </legend>
        <ParentRefsField
          value={form.parentRefs}
          onChange={(parentRefs) => update({ ...form, parentRefs })}
          choices={parents}
          namespace={namespace}
        />
        {ctx.features.hostnames && (
          <HostnamesField value={form.hostnames} onChange={(hostnames) => update({ ...form, hostnames })} />
        )}
        <RulesField ctx={ctx} value={form.rules} onChange={(rules) => update({ ...form, rules })} />
      </fieldset>
      {namespaces.map((ns) => (
        <datalist key={ns} id={listId(ns)}>
          {services.get(ns)?.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      ))}
    </section>
  )
}
