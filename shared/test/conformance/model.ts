// The shape of the hand-curated conformance table (cases.ts) and the small builders it is written
// with. An expectation leaves out what the conformance test leaves out: an omitted status or reason
// matches any, a listener without `supportedKinds` or `attachedRoutes` does not check them.

import type { KubeObject } from '../../src/types/meta.ts'

export type ConditionStatus = 'True' | 'False' | 'Unknown'

export interface ExpectedCondition {
  type: string
  /** Omitted: any status. */
  status?: ConditionStatus
  /** Omitted: any reason. */
  reason?: string
}

export interface ObjectName {
  kind: string
  /** Omitted for cluster-scoped kinds (GatewayClass). */
  namespace?: string
  name: string
}

/**
 * Picks `status.parents[]` entries of a route. Unset `kind` means Gateway and unset `namespace` the
 * route's own. `sectionName` and `port` are compared only when given here: the conformance helpers
 * find a parent by name and namespace and pass when any such entry carries the conditions.
 */
export interface ParentSelector {
  group?: string
  kind?: string
  namespace?: string
  name: string
  sectionName?: string
  port?: number
}

export interface ExpectedListener {
  name: string
  /** Every kind listed must be present (extra kinds are allowed); `[]` means the list must be empty. */
  supportedKinds?: { group?: string; kind: string }[]
  attachedRoutes?: number
  conditions: ExpectedCondition[]
}

/** The conformance helper that makes the assertion, for the evidence trail. */
export type Helper =
  | 'RouteMustHaveParents'
  | 'RouteMustHaveCondition'
  | 'GatewayAndRoutesMustBeAccepted'
  | 'RoutesAndParentMustBeAccepted'
  | 'GatewayStatusMustHaveListeners'
  | 'ListenerSetStatusMustHaveListeners'
  | 'ListenersMustHaveConditions'
  | 'GatewayMustHaveCondition'
  | 'ListenerSetMustHaveCondition'
  | 'GatewayMustHaveZeroRoutes'
  | 'GatewayMustHaveAttachedListeners'

export type Assertion =
  | {
      what: 'routeParent'
      route: ObjectName
      parent: ParentSelector
      conditions: ExpectedCondition[]
      via: Helper
    }
  | {
      /** The listed listeners, each checked; `exactCount` also requires no other listener in status. */
      what: 'listeners'
      owner: ObjectName
      listeners: ExpectedListener[]
      exactCount: boolean
      via: Helper
    }
  | {
      /** Every listener of the owner (or only those named) carries these conditions. */
      what: 'everyListener'
      owner: ObjectName
      only?: string[]
      conditions: ExpectedCondition[]
      via: Helper
    }
  | { what: 'objectConditions'; object: ObjectName; conditions: ExpectedCondition[]; via: Helper }
  | {
      /** No listener in status, or exactly one with attachedRoutes 0. */
      what: 'zeroRoutes'
      gateway: ObjectName
      via: Helper
    }
  | { what: 'attachedListenerSets'; gateway: ObjectName; count: number; via: Helper }

/** An assertion the conformance suite makes that an offline verdict cannot be held to. */
export interface NotApplicable {
  object: ObjectName
  helper: string
  why: string
}

export interface ConformanceCase {
  /** The conformance test's ShortName. */
  test: string
  /** Set when one conformance test is split in two states (e.g. before and after a deletion). */
  variant?: string
  /** Module-relative manifest paths the test applies (base/manifests.yaml is always applied too). */
  manifests: string[]
  /** Sub-test wording worth keeping, in our words. */
  note?: string
  /** Objects the Go test creates in code (not in its YAML), written out as YAML by hand. */
  extraYaml?: string
  /** A change the Go test makes through the API before asserting (e.g. adding a listener). */
  patch?: (objects: KubeObject[]) => void
  /** Objects the Go test deletes before the asserted state (e.g. a ReferenceGrant). */
  drop?: ObjectName[]
  assertions: Assertion[]
  notApplicable?: NotApplicable[]
}

export type LeftOutReason = 'traffic-only' | 'not-status' | 'mutation' | 'unsupported' | 'mesh'

export interface LeftOut {
  test: string
  reason: LeftOutReason
  detail: string
}

// ---------------------------------------------------------------------------------------------
// Builders

export const GATEWAY_GROUP = 'gateway.networking.k8s.io'
export const INFRA = 'gateway-conformance-infra'
export const APP_BACKEND = 'gateway-conformance-app-backend'
export const WEB_BACKEND = 'gateway-conformance-web-backend'

export function cond(type: string, status?: ConditionStatus, reason?: string): ExpectedCondition {
  const c: ExpectedCondition = { type }
  if (status !== undefined) c.status = status
  if (reason !== undefined) c.reason = reason
  return c
}

export const gateway = (name: string, namespace = INFRA): ObjectName => ({ kind: 'Gateway', namespace, name })
export const listenerSet = (name: string, namespace = INFRA): ObjectName => ({
  kind: 'ListenerSet',
  namespace,
  name,
})
export const route = (kind: string, name: string, namespace = INFRA): ObjectName => ({
  kind,
  namespace,
  name,
})
export const httpRoute = (name: string, namespace = INFRA) => route('HTTPRoute', name, namespace)

export const HTTP_ROUTE_KIND = [{ kind: 'HTTPRoute' }]

/** What RoutesAndParentMustBeAccepted and the ListenerSet tests demand of a healthy listener. */
export const HEALTHY_LISTENER = [
  cond('ResolvedRefs', 'True'),
  cond('Accepted', 'True'),
  cond('Programmed', 'True'),
]

/** Accepted=True/Accepted on the parent (the route side of Gateway*RoutesMustBeAccepted). */
export function acceptedOn(
  r: ObjectName,
  parent: ParentSelector,
  via: Helper = 'GatewayAndRoutesMustBeAccepted',
) {
  return routeParent(r, parent, [cond('Accepted', 'True', 'Accepted')], via)
}

export function routeParent(
  r: ObjectName,
  parent: ParentSelector,
  conditions: ExpectedCondition[],
  via: Helper = 'RouteMustHaveCondition',
): Assertion {
  return { what: 'routeParent', route: r, parent, conditions, via }
}

export function resolvedRefsTrue(r: ObjectName, parent: ParentSelector): Assertion {
  return routeParent(r, parent, [cond('ResolvedRefs', 'True', 'ResolvedRefs')])
}

/**
 * Gateway*RoutesMustBeAccepted / RoutesAndParentMustBeAccepted: each route Accepted on the parent
 * (once per listener name given, when the test names listeners), and every listener of the parent
 * ResolvedRefs, Accepted and Programmed True.
 */
export function routesAndParentAccepted(
  parent: ObjectName,
  routes: ObjectName[],
  options: { sectionNames?: string[]; resolvedRefs?: boolean; via?: Helper } = {},
): Assertion[] {
  const via = options.via ?? 'GatewayAndRoutesMustBeAccepted'
  const out: Assertion[] = []
  const selectors: ParentSelector[] = (options.sectionNames ?? [undefined]).map((sectionName) => {
    const s: ParentSelector = { name: parent.name, kind: parent.kind }
    if (parent.namespace !== undefined) s.namespace = parent.namespace
    if (parent.kind !== 'Gateway') s.group = GATEWAY_GROUP
    if (sectionName !== undefined) s.sectionName = sectionName
    return s
  })
  for (const r of routes) {
    for (const s of selectors) out.push(acceptedOn(r, s, via))
    if (options.resolvedRefs) out.push(resolvedRefsTrue(r, selectors[0]!))
  }
  out.push({ what: 'everyListener', owner: parent, conditions: HEALTHY_LISTENER, via })
  return out
}

export function listeners(owner: ObjectName, expected: ExpectedListener[]): Assertion {
  return {
    what: 'listeners',
    owner,
    listeners: expected,
    exactCount: true,
    via:
      owner.kind === 'ListenerSet' ? 'ListenerSetStatusMustHaveListeners' : 'GatewayStatusMustHaveListeners',
  }
}

export function listenerConditions(
  owner: ObjectName,
  only: string[],
  conditions: ExpectedCondition[],
): Assertion {
  return { what: 'everyListener', owner, only, conditions, via: 'ListenersMustHaveConditions' }
}

export function objectConditions(object: ObjectName, ...conditions: ExpectedCondition[]): Assertion {
  return {
    what: 'objectConditions',
    object,
    conditions,
    via: object.kind === 'ListenerSet' ? 'ListenerSetMustHaveCondition' : 'GatewayMustHaveCondition',
  }
}

export function zeroRoutes(g: ObjectName): Assertion {
  return { what: 'zeroRoutes', gateway: g, via: 'GatewayMustHaveZeroRoutes' }
}

export function attachedListenerSets(g: ObjectName, count: number): Assertion {
  return { what: 'attachedListenerSets', gateway: g, count, via: 'GatewayMustHaveAttachedListeners' }
}

/** *RouteMustHaveNoAcceptedParents: the route has no parent status at all, or one not Accepted. */
export function noAcceptedParents(r: ObjectName): NotApplicable {
  return {
    object: r,
    helper: `${r.kind}MustHaveNoAcceptedParents`,
    why:
      'passes when the controller writes no parent status; Gatemap always computes a verdict for every ' +
      'parentRef (to explain it), and the Accepted=False it computes is checked by the condition assertion',
  }
}
