// A route object ↔ its form model, and the new items the forms add. writeRouteForm(o, readRouteForm(o))
// is `o` itself; an edit changes only the keys it touched.

import { isPlainObject } from '../../loader/parse.ts'
import { ROUTE_KINDS, type RouteKind } from '../../types/gateway.ts'
import { FILTER_FIELDS, type FilterType, routeFeatures, routeSpecShape } from './route-features.ts'
import type { BackendRefForm, FilterForm, MatchForm, RouteForm, RuleForm } from './route-types.ts'
import { type Item, readShape, sameValue, writeShape } from './shape.ts'

export function isRouteKind(kind: unknown): kind is RouteKind {
  return (ROUTE_KINDS as readonly unknown[]).includes(kind)
}

function kindOf(object: object): RouteKind {
  const kind = (object as { kind?: unknown }).kind
  if (!isRouteKind(kind)) throw new TypeError(`not a route kind: ${String(kind)}`)
  return kind
}

/** The form model of a route (any of ROUTE_KINDS); throws for other kinds. */
export function readRouteForm(object: object): RouteForm {
  const kind = kindOf(object)
  const spec = readShape(routeSpecShape(kind), (object as { spec?: unknown }).spec)
  return { kind, ...(spec as Omit<RouteForm, 'kind'> | undefined) }
}

/**
 * `original` with the form written into its spec: a new object when anything changed, `original`
 * itself when nothing did. The kind is the original's; `form.kind` is not written.
 */
export function writeRouteForm<T extends object>(original: T, form: RouteForm): T {
  const kind = kindOf(original)
  const { kind: _kind, ...values } = form
  const spec = (original as { spec?: unknown }).spec
  if (spec === undefined && sameValue(values, {})) return original
  const next = writeShape(routeSpecShape(kind), spec, values)
  if (next === spec) return original
  const out: Record<string, unknown> = { ...(original as Record<string, unknown>) }
  if (next === undefined) delete out.spec
  else out.spec = next
  return out as T
}

export function newRule(kind: RouteKind): Item<RuleForm> {
  return routeFeatures(kind).matches === 'http'
    ? { matches: [newMatch(kind)], backendRefs: [newBackendRef()] }
    : { backendRefs: [newBackendRef()] }
}

export function newMatch(kind: RouteKind): Item<MatchForm> {
  return routeFeatures(kind).matches === 'http' ? { path: { type: 'PathPrefix', value: '/' } } : {}
}

export function newBackendRef(): Item<BackendRefForm> {
  return { name: '' }
}

/** A filter of a type with the settings its type requires. */
export function newFilter(type: FilterType): Item<FilterForm> {
  return setFilterType({}, type)
}

const REQUIRED_SETTINGS: Partial<Record<FilterType, () => object>> = {
  RequestMirror: () => ({ backendRef: { name: '' } }),
  ExtensionRef: () => ({ group: '', kind: '', name: '' }),
}

/**
 * The filter with another type: the new type's settings (kept if already there, else the minimum
 * it requires) and the other known types' settings removed, since a filter may hold only its own.
 */
export function setFilterType<F extends FilterForm>(filter: F, type: string): F {
  const next: Record<string, unknown> = { ...(filter as Record<string, unknown>), type }
  const own = (FILTER_FIELDS as Record<string, string>)[type]
  for (const key of Object.values(FILTER_FIELDS)) {
    if (key !== own) delete next[key]
  }
  if (own !== undefined && !isPlainObject(next[own])) {
    next[own] = REQUIRED_SETTINGS[type as FilterType]?.() ?? {}
  }
  return next as F
}
