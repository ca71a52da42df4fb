// Where accepted policies take effect, and what they set there. A policy placed on a target applies
// to it and, when its kind is Inherited, to everything below it in GatewayClass → Gateway →
// (ListenerSet →) listener → route → rule → backend, down to the level its kind reaches. At each
// object the settings of several policies of one kind combine by the kind's merge rule (kinds.ts),
// and every field names the policy it came from.
import type { RouteVerdict } from '../analysis/routes.ts'
import type { ObjectRef } from '../analysis/verdicts.ts'
import { toObjectRef } from '../refs.ts'
import { GATEWAY_GROUP } from '../types/gateway.ts'
import type { KubeObject } from '../types/meta.ts'
import type { PolicyWorld } from './ancestors.ts'
import type { PolicyVerdictBase } from './judge.ts'
import type { PolicyReach } from './kinds.ts'

/** An object, or a section of one (a listener, a route rule), that policies take effect on. */
export interface EffectiveTarget {
  group: string
  kind: string
  namespace?: string
  name: string
  sectionName?: string
}

export interface EffectiveField {
  /** `gateway.envoyproxy.io/BackendTrafficPolicy` */
  policyKind: string
  /** A top-level settings field: `timeout`, `retry`, `rules`. */
  field: string
  value: unknown
  source: ObjectRef
  /** `override`/`default`: GEP-713's blocks; `own`: the policy's spec as its kind applies it. */
  from: 'override' | 'default' | 'own'
  /** Where the source policy is attached (this object, or one above it). */
  placedAt: EffectiveTarget
}

export interface EffectiveAt {
  target: EffectiveTarget
  /** The policies that set something here, by group, kind, namespace, name. */
  policies: ObjectRef[]
  fields: EffectiveField[]
  /** Policies that reach here but are replaced by a closer one of the same kind (and by which). */
  overridden: { policy: ObjectRef; by: ObjectRef }[]
}

interface Application {
  policy: PolicyVerdictBase
  object: KubeObject
  /** Depth of the placement: 0 class, 1 Gateway, 1.5 ListenerSet, 2 listener, 3 route, 4 rule, 5 backend. */
  level: number
  placedAt: EffectiveTarget
}

const REACH: Record<PolicyReach, number> = { gateway: 1.5, listener: 2, route: 4, backend: 5 }
const META_FIELDS = new Set([
  'targetRef',
  'targetRefs',
  'targetSelectors',
  'mergeType',
  'defaults',
  'overrides',
])

const targetKey = (t: EffectiveTarget) =>
  `${t.group}/${t.kind}/${t.namespace ?? ''}/${t.name}#${t.sectionName ?? ''}`

export function effectivePolicies(
  world: PolicyWorld,
  policies: readonly { verdict: PolicyVerdictBase; object: KubeObject }[],
  attachedTo: (owner: ObjectRef, section: string) => string[],
): EffectiveAt[] {
  const at = new Map<string, { target: EffectiveTarget; apps: Application[] }>()
  const add = (target: EffectiveTarget, app: Application) => {
    const key = targetKey(target)
    const entry = at.get(key)
    if (entry) entry.apps.push(app)
    else at.set(key, { target, apps: [app] })
  }

  for (const { verdict, object } of policies) {
    for (const t of verdict.targets) {
      if (t.accepted !== true || !t.found) continue
      const placedAt: EffectiveTarget = {
        ...t.found,
        ...(t.target.sectionName ? { sectionName: t.target.sectionName } : {}),
      }
      const reach = verdict.info.attachment === 'Inherited' ? REACH[verdict.info.reach] : 0
      const level = placementLevel(placedAt)
      placeDown(world, attachedTo, placedAt, reach, (target) =>
        add(target, { policy: verdict, object, level, placedAt }),
      )
    }
  }

  const out: EffectiveAt[] = []
  for (const { target, apps } of at.values()) {
    const entry: EffectiveAt = { target, policies: [], fields: [], overridden: [] }
    const byKind = new Map<string, Application[]>()
    for (const app of apps) {
      const k = `${app.policy.info.group}/${app.policy.info.kind}`
      byKind.set(k, [...(byKind.get(k) ?? []), app])
    }
    const taking = new Map<string, ObjectRef>()
    for (const [policyKind, list] of byKind) {
      for (const app of mergeKind(policyKind, list, entry)) taking.set(app.policy.key, app.policy.ref)
    }
    entry.policies = [...taking.values()].sort(byRef)
    if (entry.policies.length > 0 || entry.overridden.length > 0) out.push(entry)
  }
  return out.sort((a, b) => targetKey(a.target).localeCompare(targetKey(b.target)))
}

/** How specific a placement is: the closer to the traffic, the higher. */
function placementLevel(placed: EffectiveTarget): number {
  if (placed.kind === 'GatewayClass') return 0
  if (placed.kind === 'Gateway' || placed.kind === 'ListenerSet')
    return placed.sectionName ? 2 : placed.kind === 'Gateway' ? 1 : 1.5
  if (placed.group === GATEWAY_GROUP) return placed.sectionName ? 4 : 3
  return 5
}

/** Calls `spread` for the placement itself and, within `reach`, for everything below it. */
function placeDown(
  world: PolicyWorld,
  attachedTo: (owner: ObjectRef, section: string) => string[],
  placed: EffectiveTarget,
  reach: number,
  spread: (target: EffectiveTarget) => void,
) {
  const level = placementLevel(placed)
  const routeKeys = new Set<string>()
  const toRoutes = (owner: ObjectRef, sections: readonly string[]) => {
    for (const section of sections) {
      if (reach >= 2 && level < 2) spread({ ...owner, sectionName: section })
      if (reach >= 3) for (const key of attachedTo(owner, section)) routeKeys.add(key)
    }
  }
  const ns = placed.namespace ?? ''
  if (placed.kind === 'GatewayClass') {
    spread(placed)
    if (reach < 1) return
    for (const [, g] of world.store.gateways) {
      if (g.spec?.gatewayClassName !== placed.name) continue
      placeDown(world, attachedTo, gatewayRef(g.metadata.namespace ?? '', g.metadata.name), reach, spread)
    }
    return
  }
  if (placed.kind === 'Gateway' || placed.kind === 'ListenerSet') {
    spread(placed)
    const verdict =
      placed.kind === 'Gateway' ? world.gateway(ns, placed.name) : world.listenerSet(ns, placed.name)
    const owner = toObjectRef({ group: GATEWAY_GROUP, kind: placed.kind, namespace: ns, name: placed.name })
    const sections = (verdict?.listeners ?? [])
      .map((l) => l.name)
      .filter((n) => !placed.sectionName || n === placed.sectionName)
    toRoutes(owner, sections)
    // A Gateway-wide policy reaches the ListenerSets attached to the Gateway and, through them, their
    // listeners and routes, as Envoy Gateway merges them: a ListenerSet listener takes its own
    // policy, then its ListenerSet's, then the parent Gateway's — never a Gateway listener's, which
    // is a sibling, not a parent.
    if (placed.kind === 'Gateway' && !placed.sectionName && reach >= 1.5) {
      for (const set of world.gateway(ns, placed.name)?.listenerSets ?? []) {
        if (!set.accepted) continue
        placeDown(world, attachedTo, { ...set.ref, namespace: set.ref.namespace ?? '' }, reach, spread)
      }
    }
  } else if (placed.group === GATEWAY_GROUP) {
    spread(placed)
    const route = world.route(placed.kind, ns, placed.name)
    if (route && reach >= 5) for (const s of servicesOf(route, placed.sectionName, world)) spread(s)
    return
  } else {
    spread(placed)
    return
  }
  for (const key of routeKeys) {
    const [kind = '', rns = '', name = ''] = key.split('/')
    const route = world.route(kind, rns, name)
    if (!route) continue
    spread(route.ref)
    if (reach >= 5) for (const s of servicesOf(route, undefined, world)) spread(s)
  }
}

function gatewayRef(namespace: string, name: string): EffectiveTarget {
  return { group: GATEWAY_GROUP, kind: 'Gateway', namespace, name }
}

/** The Services a route (or one named rule of it) sends to. */
function servicesOf(
  route: RouteVerdict,
  ruleName: string | undefined,
  world: PolicyWorld,
): EffectiveTarget[] {
  let ruleIndex: number | undefined
  if (ruleName !== undefined) {
    const object = world.store.routes.get(route.key)
    ruleIndex = (object?.spec?.rules ?? []).findIndex((r) => (r as { name?: unknown }).name === ruleName)
  }
  const out = new Map<string, EffectiveTarget>()
  for (const b of route.backends) {
    if (!b.target || b.target.kind !== 'Service' || b.target.group !== '') continue
    if (ruleIndex !== undefined && b.rule !== ruleIndex) continue
    out.set(`${b.target.namespace}/${b.target.name}`, { ...b.target })
  }
  return [...out.values()]
}

function spec(object: KubeObject): Record<string, unknown> {
  return object.spec && typeof object.spec === 'object' ? (object.spec as Record<string, unknown>) : {}
}

function block(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

/** The settings a policy carries outside GEP-713's blocks (its own spec, less the targeting fields). */
function ownSettings(object: KubeObject): [string, unknown][] {
  return Object.entries(spec(object)).filter(([k]) => !META_FIELDS.has(k))
}

/** Adds the kind's effective fields to the entry; returns the policies that take effect here. */
function mergeKind(policyKind: string, apps: Application[], entry: EffectiveAt): Application[] {
  const merge = apps[0]!.policy.info.merge
  // A policy reaching here twice (two targeted listeners a route attaches to) counts once, closest.
  const unique = new Map<string, Application>()
  for (const app of apps) {
    const held = unique.get(app.policy.key)
    if (!held || app.level > held.level) unique.set(app.policy.key, app)
  }
  const field = (
    app: Application,
    name: string,
    value: unknown,
    from: EffectiveField['from'],
  ): EffectiveField => ({
    policyKind,
    field: name,
    value,
    source: app.policy.ref,
    from,
    placedAt: app.placedAt,
  })
  // Closest first; among equals, the older (conflict winner) first.
  const closest = [...unique.values()].sort((a, b) => b.level - a.level)
  if (merge === 'direct' || merge === 'additive') {
    for (const app of closest)
      for (const [k, v] of ownSettings(app.object)) entry.fields.push(field(app, k, v, 'own'))
    return closest
  }
  if (merge === 'most-specific') {
    // Envoy Gateway: the closest policy applies whole; only one that sets spec.mergeType takes the
    // fields it leaves unset from the next one up.
    const set = new Set<string>()
    const taken: Application[] = []
    for (const app of closest) {
      const previous = taken.at(-1)
      if (previous && !spec(previous.object).mergeType) {
        entry.overridden.push({ policy: app.policy.ref, by: closest[0]!.policy.ref })
        continue
      }
      taken.push(app)
      for (const [k, v] of ownSettings(app.object)) {
        if (set.has(k)) continue
        set.add(k)
        entry.fields.push(field(app, k, v, 'own'))
      }
    }
    return taken
  }
  // GEP-713: overrides from the top win, then defaults from the bottom; a spec without either block
  // is all defaults. Kuadrant's `strategy` says how its own blocks merge, not a setting.
  const set = new Set<string>()
  // A policy setting nothing still takes effect; one whose every field is decided elsewhere does not.
  const taking = new Set<Application>()
  const settings = (app: Application, which: 'overrides' | 'defaults') => {
    const s = spec(app.object)
    if (which === 'overrides') return Object.entries(block(s.overrides)).filter(([k]) => k !== 'strategy')
    const fields =
      s.defaults !== undefined
        ? Object.entries(block(s.defaults))
        : s.overrides !== undefined
          ? []
          : ownSettings(app.object)
    return fields.filter(([k]) => k !== 'strategy')
  }
  for (const app of [...closest].reverse()) {
    for (const [k, v] of settings(app, 'overrides')) {
      if (set.has(k)) continue
      set.add(k)
      taking.add(app)
      entry.fields.push(field(app, k, v, 'override'))
    }
  }
  for (const app of closest) {
    for (const [k, v] of settings(app, 'defaults')) {
      if (set.has(k)) continue
      set.add(k)
      taking.add(app)
      entry.fields.push(field(app, k, v, 'default'))
    }
  }
  for (const app of closest) {
    if (taking.has(app)) continue
    if (settings(app, 'overrides').length + settings(app, 'defaults').length === 0) taking.add(app)
    else entry.overridden.push({ policy: app.policy.ref, by: closest[0]!.policy.ref })
  }
  return closest.filter((a) => taking.has(a))
}

function byRef(a: ObjectRef, b: ObjectRef): number {
  return (
    a.group.localeCompare(b.group) ||
    a.kind.localeCompare(b.kind) ||
    (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
    a.name.localeCompare(b.name)
  )
}
