// A policy's expected `status.ancestors[]`, in the shape implementations write it: one entry per
// ancestor and controller. The ancestor of a Gateway or ListenerSet target is that object (with the
// sectionName the targetRef named); of a route, each Gateway the route's parentRefs name (with the
// parentRef's sectionName), as Envoy Gateway writes it; of a Service, the parents where routes using
// it are accepted. Beside each computed entry, the controller's own, compared by conditions.ts.

import type { GatewayVerdict, ListenerSetVerdict } from '../analysis/gateways.ts'
import type { RouteVerdict } from '../analysis/routes.ts'
import { list, type ObjectStore } from '../analysis/store.ts'
import type { ConditionComparison } from '../analysis/verdicts.ts'
import { CANNOT_CHECK, compareConditions, makeCondition } from '../conditions.ts'
import { sameParentRef } from '../refs.ts'
import { GATEWAY_GROUP, type ParentReference } from '../types/gateway.ts'
import type { Condition, KubeObject } from '../types/meta.ts'
import type { BackendTLSJudgement } from './backend-tls.ts'
import { PolicyReason, type PolicyTargetVerdict, type PolicyVerdictBase } from './judge.ts'
import { OVERRIDDEN } from './overridden.ts'

/** Gatemap's own controllerName, for ancestors no real controller owns (the analyzer's constant). */
export const NO_CONTROLLER = 'gatemap.dev/analysis'

/** What the ancestors are found in: the Analyzer answers all of it. */
export interface PolicyWorld {
  readonly store: ObjectStore
  gateway(namespace: string, name: string): GatewayVerdict | undefined
  listenerSet(namespace: string, name: string): ListenerSetVerdict | undefined
  route(kind: string, namespace: string, name: string): RouteVerdict | undefined
  readonly routes: Iterable<RouteVerdict>
}

/** `PolicyAncestorStatus` of the Gateway API. */
export interface PolicyAncestorStatus {
  ancestorRef: ParentReference
  controllerName: string
  conditions: Condition[]
}

export interface PolicyAncestorVerdict extends PolicyAncestorStatus {
  /** Indexes into the verdict's targets that lead to this ancestor. */
  targets: number[]
  /** Why a real controller would write nothing here (the target does not exist), when it would not. */
  noStatusExpected?: string
  comparison?: ConditionComparison[]
}

interface Ancestor {
  ref: ParentReference
  controllerName: string
  noStatusExpected?: string
}

/** Where each target leads: the ancestors its status is reported under. */
function ancestorsOf(world: PolicyWorld, t: PolicyTargetVerdict): Ancestor[] {
  const { target } = t
  const ancestor = (
    kind: string,
    namespace: string,
    name: string,
    sectionName?: string,
  ): ParentReference => ({
    group: GATEWAY_GROUP,
    kind,
    namespace,
    name,
    ...(sectionName ? { sectionName } : {}),
  })
  if (!t.found) {
    // A controller finds no Gateway to report under and usually writes nothing (Envoy Gateway skips
    // such policies); the verdict still needs a place, so the target stands in for its ancestor.
    const ref: ParentReference = {
      group: target.group,
      kind: target.kind,
      namespace: target.namespace,
      name: target.name,
      ...(target.sectionName ? { sectionName: target.sectionName } : {}),
    }
    return [
      {
        ref,
        controllerName: NO_CONTROLLER,
        noStatusExpected:
          'the target does not exist, so no controller has a Gateway to report this policy under',
      },
    ]
  }
  if (target.group === GATEWAY_GROUP && target.kind === 'Gateway') {
    const controller = world.gateway(target.namespace, target.name)?.controllerName
    return [
      {
        ref: ancestor('Gateway', target.namespace, target.name, target.sectionName),
        controllerName: controller ?? NO_CONTROLLER,
      },
    ]
  }
  if (target.group === GATEWAY_GROUP && target.kind === 'ListenerSet') {
    const controller = world.listenerSet(target.namespace, target.name)?.controllerName
    return [
      {
        ref: ancestor('ListenerSet', target.namespace, target.name, target.sectionName),
        controllerName: controller ?? NO_CONTROLLER,
      },
    ]
  }
  if (target.group === GATEWAY_GROUP && target.kind === 'GatewayClass') {
    const gc = world.store.gatewayClasses.get(target.name)
    const ref: ParentReference = { group: GATEWAY_GROUP, kind: 'GatewayClass', name: target.name }
    return [{ ref, controllerName: gc?.spec?.controllerName ?? NO_CONTROLLER }]
  }
  const parentsOf = (route: RouteVerdict, acceptedOnly: boolean): Ancestor[] =>
    route.parents
      .filter((p) => p.parent && (p.resolved.kind === 'Gateway' || p.resolved.kind === 'ListenerSet'))
      .filter((p) => !acceptedOnly || p.accepted.status === 'True')
      .map((p) => ({
        ref: ancestor(p.resolved.kind, p.resolved.namespace, p.resolved.name, p.resolved.sectionName),
        controllerName: p.controllerName ?? NO_CONTROLLER,
      }))
  if (target.group === GATEWAY_GROUP) {
    const route = world.route(target.kind, target.namespace, target.name)
    return route ? parentsOf(route, false) : []
  }
  if (target.group === '' && target.kind === 'Service') {
    const out: Ancestor[] = []
    for (const route of world.routes) {
      const uses = route.backends.some(
        (b) =>
          b.target?.kind === 'Service' &&
          b.target.namespace === target.namespace &&
          b.target.name === target.name,
      )
      if (uses) out.push(...parentsOf(route, true))
    }
    return out
  }
  return []
}

const ancestorKey = (a: Ancestor) =>
  `${a.controllerName}|${a.ref.group}/${a.ref.kind}/${a.ref.namespace ?? ''}/${a.ref.name}#${a.ref.sectionName ?? ''}`

/**
 * One entry per ancestor and controller. Where several targets lead to one ancestor, the first
 * rejected one (in targetRef order) decides the condition: the entry must not hide a rejection.
 */
export function policyAncestors(
  world: PolicyWorld,
  policy: PolicyVerdictBase,
  object: KubeObject,
  backendTLS?: BackendTLSJudgement,
  /** Closer scopes overriding this policy, by target index (overridden.ts; Envoy Gateway's kinds). */
  overriddenBy?: ReadonlyMap<number, readonly string[]>,
): PolicyAncestorVerdict[] {
  const entries = new Map<string, PolicyAncestorVerdict>()
  const decided = new Map<string, PolicyTargetVerdict>()
  policy.targets.forEach((t, i) => {
    for (const a of ancestorsOf(world, t)) {
      const key = ancestorKey(a)
      let entry = entries.get(key)
      if (!entry) {
        entry = { ancestorRef: a.ref, controllerName: a.controllerName, conditions: [], targets: [] }
        if (a.noStatusExpected) entry.noStatusExpected = a.noStatusExpected
        entries.set(key, entry)
      }
      entry.targets.push(i)
      const current = decided.get(key)
      const worse = (x: PolicyTargetVerdict) => (x.accepted === false ? 2 : x.accepted === undefined ? 1 : 0)
      if (!current || worse(t) > worse(current)) decided.set(key, t)
    }
  })
  const written = list<PolicyAncestorStatus>(
    (object.status as { ancestors?: unknown } | undefined)?.ancestors,
  )
  const namespace = object.metadata.namespace ?? ''
  const out: PolicyAncestorVerdict[] = []
  for (const [key, entry] of entries) {
    const t = decided.get(key)!
    const status = t.accepted === true ? 'True' : t.accepted === false ? 'False' : 'Unknown'
    const reason = t.accepted === undefined ? CANNOT_CHECK : t.reason
    entry.conditions = [makeCondition('Accepted', status, reason, t.message, policy.generation)]
    // A BackendTLSPolicy whose target is fine can still not be met (backendtlspolicy_types.go):
    // Accepted=False there, and ResolvedRefs beside Accepted wherever the target exists.
    if (backendTLS && t.found) {
      if (t.accepted === true && backendTLS.unmet) {
        const { reason: r, message } = backendTLS.unmet
        entry.conditions = [makeCondition('Accepted', 'False', r, message, policy.generation)]
      }
      entry.conditions.push(backendTLS.resolvedRefs)
    }
    const closer = [
      ...new Set(entry.targets.flatMap((i) => overriddenBy?.get(policy.targets[i]?.index ?? -1) ?? [])),
    ].sort()
    if (closer.length > 0 && entry.conditions[0]?.status === 'True') {
      entry.conditions.push(
        makeCondition(
          OVERRIDDEN,
          'True',
          OVERRIDDEN,
          `A closer ${policy.info.kind} replaces this one at ${closer.join(', ')}; this one still applies everywhere else below its target.`,
          policy.generation,
        ),
      )
    }
    const theirs = written.find(
      (w) =>
        w?.ancestorRef &&
        w.controllerName === entry.controllerName &&
        sameParentRef(w.ancestorRef, entry.ancestorRef, namespace),
    )
    if (theirs)
      entry.comparison = compareConditions(
        entry.conditions,
        list<Condition>(theirs.conditions),
        policy.generation,
      )
    out.push(entry)
  }
  return out
}

/** Controller-written ancestors that no target leads to (left over from an earlier spec, or another view). */
export function leftoverAncestors(
  object: KubeObject,
  computed: readonly PolicyAncestorVerdict[],
): PolicyAncestorStatus[] {
  const namespace = object.metadata.namespace ?? ''
  return list<PolicyAncestorStatus>((object.status as { ancestors?: unknown } | undefined)?.ancestors).filter(
    (w) =>
      w?.ancestorRef &&
      !computed.some(
        (c) =>
          c.controllerName === w.controllerName && sameParentRef(w.ancestorRef, c.ancestorRef, namespace),
      ),
  )
}

export { PolicyReason }
