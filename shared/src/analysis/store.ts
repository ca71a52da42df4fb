// The analysis' view of the world: every object it needs, indexed the ways the rules look them up.
// Upserts and removals are O(1) so the Analyzer can follow a watch stream.
import { objectKey, splitApiVersion } from '../kinds.ts'
import { knownPolicyKind, type PolicyKind } from '../policies/kinds.ts'
import { hasTargetRefs } from '../policies/targets.ts'
import { resolveListenerSetParentRef } from '../refs.ts'
import type { ConfigMap, Namespace, Secret, Service } from '../types/core.ts'
import type {
  BackendTLSPolicy,
  Gateway,
  GatewayClass,
  ListenerSet,
  ReferenceGrant,
  Route,
} from '../types/gateway.ts'
import { ROUTE_KINDS } from '../types/gateway.ts'
import type { KubeObject } from '../types/meta.ts'
import { ALL_READABLE, type Unreadable } from './readable.ts'

const routeKinds = new Set<string>(ROUTE_KINDS)

export function isRouteKind(kind: string): kind is Route['kind'] {
  return routeKinds.has(kind)
}

/** `namespace/name`, the key used inside one kind's map. */
export function nsName(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`
}

export class ObjectStore {
  /** What the objects were read without: a judge finding nothing there must say "cannot check". */
  readonly unreadable: Unreadable

  constructor(unreadable: Unreadable = ALL_READABLE) {
    this.unreadable = unreadable
  }

  readonly gatewayClasses = new Map<string, GatewayClass>()
  readonly gateways = new Map<string, Gateway>()
  readonly listenerSets = new Map<string, ListenerSet>()
  /** Keyed by objectKey (the kind is part of a route's identity). */
  readonly routes = new Map<string, Route>()
  readonly namespaces = new Map<string, Namespace>()
  readonly services = new Map<string, Service>()
  readonly secrets = new Map<string, Secret>()
  readonly configMaps = new Map<string, ConfigMap>()
  readonly backendTLSPolicies = new Map<string, BackendTLSPolicy>()
  /** Every other policy (GEP-713 policy attachment), keyed by objectKey. */
  readonly policies = new Map<string, KubeObject>()
  /** Policy kinds known from CRDs (the labelled ones), by kind; the implementations' kinds need no entry. */
  readonly policyKinds = new Map<string, PolicyKind>()
  /** ReferenceGrants live in the target namespace, and are only ever looked up by it. */
  readonly referenceGrants = new Map<string, Map<string, ReferenceGrant>>()
  /** Parent Gateway `namespace/name` -> ListenerSet `namespace/name`s that name it. */
  readonly listenerSetsByParent = new Map<string, Set<string>>()
  /** Counts every upsert and removal: what is derived from many objects is kept while it stands. */
  revision = 0

  /**
   * The map an object of this kind lives in and its key there; undefined for kinds the analysis
   * does not read. ReferenceGrants are filed by namespace, created on demand only when storing.
   */
  private slot(
    kind: string,
    namespace: string | undefined,
    name: string,
    create: boolean,
    object?: KubeObject,
  ) {
    const key = nsName(namespace, name)
    const at = <T extends KubeObject>(map: Map<string, T>, k = key) => ({
      map: map as Map<string, KubeObject>,
      key: k,
    })
    switch (kind) {
      case 'GatewayClass':
        return at(this.gatewayClasses, name)
      case 'Gateway':
        return at(this.gateways)
      case 'ListenerSet':
        return at(this.listenerSets)
      case 'Namespace':
        return at(this.namespaces, name)
      case 'Service':
        return at(this.services)
      case 'Secret':
        return at(this.secrets)
      case 'ConfigMap':
        return at(this.configMaps)
      case 'BackendTLSPolicy':
        return at(this.backendTLSPolicies)
      case 'ReferenceGrant': {
        const ns = namespace ?? ''
        const grants = create
          ? getOrCreate(this.referenceGrants, ns, () => new Map<string, ReferenceGrant>())
          : this.referenceGrants.get(ns)
        return grants && at(grants, name)
      }
      default:
        if (isRouteKind(kind)) return at(this.routes, objectKey(kind, namespace, name))
        if (object ? this.isPolicy(object) : this.policies.has(objectKey(kind, namespace, name)))
          return at(this.policies, objectKey(kind, namespace, name))
        return undefined
    }
  }

  /** The policy kind entry for a stored policy's kind (table, CRD label, or a Direct policy by shape). */
  policyKind(group: string, kind: string): PolicyKind | undefined {
    return knownPolicyKind(group, kind) ?? this.policyKinds.get(kind)
  }

  /**
   * A kind no table or CRD names is still a policy when it has targetRefs: the loader and the
   * cluster source admit no other kinds beyond the Gateway API's own.
   */
  private isPolicy(object: KubeObject): boolean {
    return (
      this.policyKind(splitApiVersion(object.apiVersion).group, object.kind) !== undefined ||
      hasTargetRefs(object)
    )
  }

  /** The stored object of this kind and name, if the analysis reads that kind and holds it. */
  find(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const slot = this.slot(kind, namespace, name, false)
    return slot?.map.get(slot.key)
  }

  /** Stores the object and says whether the analysis needs to know about it. */
  upsert(object: KubeObject): boolean {
    const { namespace, name } = object.metadata
    const slot = this.slot(object.kind, namespace, name, true, object)
    if (!slot) return false
    if (object.kind === 'ListenerSet') {
      this.unlinkListenerSet(slot.key)
      const parent = listenerSetParentKey(object as ListenerSet)
      getOrCreate(this.listenerSetsByParent, parent, () => new Set<string>()).add(slot.key)
    }
    slot.map.set(slot.key, object)
    this.revision++
    return true
  }

  remove(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const slot = this.slot(kind, namespace, name, false)
    if (!slot) return undefined
    if (kind === 'ListenerSet') this.unlinkListenerSet(slot.key)
    const found = slot.map.get(slot.key)
    slot.map.delete(slot.key)
    this.revision++
    return found
  }

  private unlinkListenerSet(key: string) {
    const old = this.listenerSets.get(key)
    if (old) this.listenerSetsByParent.get(listenerSetParentKey(old))?.delete(key)
  }

  /**
   * The labels a namespace selector sees. A namespace we have no object for still carries the label
   * the API server always sets, kubernetes.io/metadata.name.
   */
  namespaceLabels(namespace: string): { labels: Record<string, string>; known: boolean } {
    const object = this.namespaces.get(namespace)
    const auto = { 'kubernetes.io/metadata.name': namespace }
    return object
      ? { labels: { ...auto, ...(object.metadata.labels ?? {}) }, known: true }
      : { labels: auto, known: false }
  }
}

export function listenerSetParentKey(set: ListenerSet): string {
  const ref = resolveListenerSetParentRef(set.spec?.parentRef ?? { name: '' }, set.metadata.namespace ?? '')
  return nsName(ref.namespace, ref.name)
}

/** The map's value for key, created on first use. */
export function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key)
  if (value === undefined) {
    value = make()
    map.set(key, value)
  }
  return value
}

/** Arrays from unvalidated input: anything that is not an array reads as empty. */
export function list<T>(value: T[] | undefined | unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : []
}
