// Envoy Gateway's `Overridden` condition: a policy of its kinds placed on a wide scope (a Gateway, a
// listener, a ListenerSet, a route) while a closer policy of the same kind sits below it, where the
// closer one applies whole instead (kinds.ts: 'most-specific'). Envoy Gateway writes
// `Overridden=True/Overridden` on the wider policy's ancestor, naming the closer scopes; the wider
// policy stays Accepted and still applies everywhere else. The scopes, as its translator relates
// them:
//   Gateway       ← its listeners, its ListenerSets and their listeners, routes attached to any of them
//   listener      ← routes attached to that listener, or to the whole Gateway
//   ListenerSet   ← its listeners, routes attached to it
//   its listener  ← routes attached to that listener, or to the whole ListenerSet
//   route         ← its rules
// A route policy (on the whole route or one rule) counts under every scope its parentRefs put the
// route in, even when it is itself refused there (Envoy Gateway records it before judging it); one
// that merges into the one above (spec.mergeType) is Merged, not overriding. Checked against Envoy
// Gateway's translator testdata (internal/gatewayapi/testdata: *override*, *listenerset*).
import type { RouteVerdict } from '../analysis/routes.ts'
import { namespacedName } from '../refs.ts'
import { GATEWAY_GROUP } from '../types/gateway.ts'
import type { KubeObject } from '../types/meta.ts'
import type { PolicyWorld } from './ancestors.ts'
import type { PolicyVerdictBase } from './judge.ts'

/** The condition Envoy Gateway adds (api/v1alpha1 shared_types.go): type and reason `Overridden`. */
export const OVERRIDDEN = 'Overridden'

interface Placement {
  policy: PolicyVerdictBase
  object: KubeObject
  index: number
  scope: Scope
  /** Accepted there; a route placement overrides even when not (Envoy Gateway records it first). */
  accepted: boolean
}

type Scope =
  | { level: 'gateway' | 'listenerSet'; namespace: string; name: string; section?: string }
  | { level: 'route'; kind: string; namespace: string; name: string; section?: string }

/**
 * For each policy (by key) and target index, the closer scopes that override it there, worded for
 * people (`listener edge/admin`, `route HTTPRoute apps/shop`); only targets overridden somewhere.
 */
export function overriddenScopes(
  world: PolicyWorld,
  policies: readonly { verdict: PolicyVerdictBase; object: KubeObject }[],
): Map<string, Map<number, string[]>> {
  const byKind = new Map<string, Placement[]>()
  for (const { verdict, object } of policies) {
    if (verdict.info.merge !== 'most-specific') continue
    for (const t of verdict.targets) {
      if (!t.found || t.found.group !== GATEWAY_GROUP) continue
      const { kind, name } = t.found
      const namespace = t.found.namespace ?? ''
      const section = t.target.sectionName
      const scope: Scope =
        kind === 'Gateway' || kind === 'ListenerSet'
          ? {
              level: kind === 'Gateway' ? 'gateway' : 'listenerSet',
              namespace,
              name,
              ...(section ? { section } : {}),
            }
          : { level: 'route', kind, namespace, name, ...(section ? { section } : {}) }
      const k = `${verdict.info.group}/${verdict.info.kind}`
      const accepted = t.accepted === true
      byKind.set(k, [...(byKind.get(k) ?? []), { policy: verdict, object, index: t.index, scope, accepted }])
    }
  }
  const out = new Map<string, Map<number, string[]>>()
  for (const placements of byKind.values()) {
    for (const p of placements) {
      if (!p.accepted) continue
      const by = placements
        .filter((q) => q !== p && (q.accepted || q.scope.level === 'route') && overrides(world, p, q))
        .map((q) => describe(routeWhole(q.scope, p.scope)))
      if (by.length === 0) continue
      const forPolicy = out.get(p.policy.key) ?? new Map<number, string[]>()
      forPolicy.set(p.index, [...new Set(by)].sort())
      out.set(p.policy.key, forPolicy)
    }
  }
  return out
}

/** Whether placement q sits below p's scope, where Envoy Gateway lets it replace p. */
function overrides(world: PolicyWorld, p: Placement, q: Placement): boolean {
  const a = p.scope
  const b = q.scope
  if (b.level === 'route') {
    if (a.level === 'route') {
      return (
        !a.section && !!b.section && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name
      )
    }
    // A route policy that merges into the one above it is Merged there, not overriding.
    if ((q.object.spec as { mergeType?: unknown } | undefined)?.mergeType) return false
    const route = world.route(b.kind, b.namespace, b.name)
    return !!route && routeUnder(world, route, a)
  }
  if (a.level === 'route') return false
  if (a.level === 'gateway') {
    if (a.section) return false
    if (b.level === 'gateway') return sameObject(a, b) && !!b.section
    // b: a ListenerSet, or one of its listeners, attached to this Gateway.
    return listenerSetsOf(world, a).includes(`${b.namespace}/${b.name}`)
  }
  // a: a ListenerSet (whole): its own listeners.
  return b.level === 'listenerSet' && !a.section && sameObject(a, b) && !!b.section
}

function sameObject(a: { namespace: string; name: string }, b: { namespace: string; name: string }) {
  return a.namespace === b.namespace && a.name === b.name
}

/** The accepted ListenerSets of a Gateway, as `namespace/name`. */
function listenerSetsOf(world: PolicyWorld, gateway: { namespace: string; name: string }): string[] {
  return (world.gateway(gateway.namespace, gateway.name)?.listenerSets ?? [])
    .filter((s) => s.accepted)
    .map((s) => `${s.ref.namespace ?? ''}/${s.ref.name}`)
}

/** Whether one of the route's parentRefs puts it under the scope (existing parents only). */
function routeUnder(
  world: PolicyWorld,
  route: RouteVerdict,
  scope: Extract<Scope, { level: 'gateway' | 'listenerSet' }>,
): boolean {
  return route.parents.some((parent) => {
    if (!parent.parent) return false
    const r = parent.resolved
    if (r.group !== GATEWAY_GROUP) return false
    const sectionFits = !scope.section || !r.sectionName || r.sectionName === scope.section
    if (r.kind === 'Gateway' || r.kind === 'ListenerSet') {
      const level = r.kind === 'Gateway' ? 'gateway' : 'listenerSet'
      if (level === scope.level && sameObject(r, scope)) return sectionFits
    }
    // Through a ListenerSet of the Gateway: the Gateway (whole) takes it.
    return (
      r.kind === 'ListenerSet' &&
      scope.level === 'gateway' &&
      !scope.section &&
      listenerSetsOf(world, scope).includes(`${r.namespace}/${r.name}`)
    )
  })
}

/** Below a Gateway or listener, a rule's policy is named by its route (as Envoy Gateway lists it). */
function routeWhole(scope: Scope, above: Scope): Scope {
  if (scope.level !== 'route' || above.level === 'route' || !scope.section) return scope
  const { section: _section, ...whole } = scope
  return whole
}

function describe(scope: Scope): string {
  const named = namespacedName(scope)
  if (scope.level === 'route')
    return scope.section ? `rule ${scope.section} of ${scope.kind} ${named}` : `${scope.kind} ${named}`
  const what = scope.level === 'gateway' ? 'Gateway' : 'ListenerSet'
  return scope.section ? `listener ${scope.section} of ${what} ${named}` : `${what} ${named}`
}
