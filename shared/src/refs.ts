// The one place where Gateway API references get their defaults. Every other module asks here what a
// parentRef, backendRef, certificateRef or targetRef points at; nothing else fills in group, kind or
// namespace by itself.
import type { ObjectRef } from './analysis/verdicts.ts'
import {
  type BackendObjectReference,
  GATEWAY_GROUP,
  type ParentReference,
  type SecretObjectReference,
} from './types/gateway.ts'

export interface ResolvedParentRef {
  group: string
  kind: string
  namespace: string
  name: string
  sectionName?: string
  port?: number
}

/** A parentRef with its defaults: group gateway.networking.k8s.io, kind Gateway, the route's namespace. */
export function resolveParentRef(ref: ParentReference, routeNamespace: string): ResolvedParentRef {
  const resolved: ResolvedParentRef = {
    group: ref.group ?? GATEWAY_GROUP,
    kind: ref.kind ?? 'Gateway',
    namespace: ref.namespace ?? routeNamespace,
    name: ref.name,
  }
  if (ref.sectionName !== undefined) resolved.sectionName = ref.sectionName
  if (ref.port !== undefined) resolved.port = ref.port
  return resolved
}

/** Two parentRefs name the same parent section (used to pair computed and controller-written status). */
export function sameParentRef(a: ParentReference, b: ParentReference, routeNamespace: string): boolean {
  const x = resolveParentRef(a, routeNamespace)
  const y = resolveParentRef(b, routeNamespace)
  return (
    x.group === y.group &&
    x.kind === y.kind &&
    x.namespace === y.namespace &&
    x.name === y.name &&
    x.sectionName === y.sectionName &&
    x.port === y.port
  )
}

export interface ResolvedObjectRef {
  group: string
  kind: string
  namespace: string
  name: string
  port?: number
}

/** A backendRef with its defaults: core group, kind Service, the route's namespace. */
export function resolveBackendRef(ref: BackendObjectReference, routeNamespace: string): ResolvedObjectRef {
  const resolved: ResolvedObjectRef = {
    group: ref.group ?? '',
    kind: ref.kind ?? 'Service',
    namespace: ref.namespace ?? routeNamespace,
    name: ref.name,
  }
  if (ref.port !== undefined) resolved.port = ref.port
  return resolved
}

/** A listener certificateRef with its defaults: core group, kind Secret, the owner's namespace. */
export function resolveCertificateRef(ref: SecretObjectReference, ownerNamespace: string): ResolvedObjectRef {
  return {
    group: ref.group ?? '',
    kind: ref.kind ?? 'Secret',
    namespace: ref.namespace ?? ownerNamespace,
    name: ref.name,
  }
}

/** A client-certificate validation caCertificateRef: core group, kind ConfigMap, the owner's namespace. */
export function resolveCaCertificateRef(
  ref: { group?: string; kind?: string; name: string; namespace?: string },
  ownerNamespace: string,
): ResolvedObjectRef {
  return {
    group: ref.group ?? '',
    kind: ref.kind ?? 'ConfigMap',
    namespace: ref.namespace ?? ownerNamespace,
    name: ref.name,
  }
}

/** A ListenerSet's parentRef: a Gateway in the ListenerSet's namespace unless it says otherwise. */
export function resolveListenerSetParentRef(
  ref: { group?: string; kind?: string; name: string; namespace?: string },
  listenerSetNamespace: string,
): ResolvedObjectRef {
  return {
    group: ref.group ?? GATEWAY_GROUP,
    kind: ref.kind ?? 'Gateway',
    namespace: ref.namespace ?? listenerSetNamespace,
    name: ref.name,
  }
}

/**
 * A policy targetRef (spec.targetRefs[] or the older spec.targetRef): always in the policy's own
 * namespace (GEP-713's local references). The group is required by the Gateway API's kinds; Istio's
 * leave it out for core kinds, so an absent group is the core group.
 */
export function resolvePolicyTargetRef(
  ref: { group?: string; kind: string; name: string; sectionName?: string },
  policyNamespace: string,
): ResolvedObjectRef & { sectionName?: string } {
  const resolved: ResolvedObjectRef & { sectionName?: string } = {
    group: ref.group ?? '',
    kind: ref.kind,
    namespace: policyNamespace,
    name: ref.name,
  }
  if (ref.sectionName !== undefined) resolved.sectionName = ref.sectionName
  return resolved
}

/** `Service`, `gateway.networking.k8s.io/Gateway`: how people write a group and kind. */
export function groupKind(group: string, kind: string): string {
  return group === '' ? kind : `${group}/${kind}`
}

export function isCoreService(ref: { group: string; kind: string }): boolean {
  return ref.group === '' && ref.kind === 'Service'
}

export function toObjectRef(ref: {
  group: string
  kind: string
  namespace?: string
  name: string
}): ObjectRef {
  const out: ObjectRef = { group: ref.group, kind: ref.kind, name: ref.name }
  if (ref.namespace !== undefined) out.namespace = ref.namespace
  return out
}

/** `infra/shared`, or `shared` for cluster-scoped objects. */
export function namespacedName(ref: { namespace?: string | undefined; name: string }): string {
  return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name
}
