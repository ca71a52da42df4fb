// The analysis' view of the world: every object it needs, indexed the ways the rules look them up.
// Upserts and removals are O(1) so the Analyzer can follow a watch stream.
import { objectKey } from '../kinds.ts'
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

const routeKinds = new Set<string>(ROUTE_KINDS)

export function isRouteKind(kind: string): kind is Route['kind'] {
  return routeKinds.has(kind)
}

/** `namespace/name`, the key used inside one kind's map. */
export function nsName(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`
}

export class ObjectStore {
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
  /** ReferenceGrants live in the target namespace, and are only ever looked up by it. */
  readonly referenceGrants = new Map<string, Map<string, ReferenceGrant>>()
  /** Parent Gateway `namespace/name` -> ListenerSet `namespace/name`s that name it. */
  readonly listenerSetsByParent = new Map<string, Set<string>>()

  /** Stores the object and says whether the analysis needs to know about it. */
  upsert(object: KubeObject): boolean {
    const { namespace, name } = object.metadata
    const key = nsName(namespace, name)
    switch (object.kind) {
      case 'GatewayClass':
        this.gatewayClasses.set(name, object as GatewayClass)
        return true
      case 'Gateway':
        this.gateways.set(key, object as Gateway)
        return true
      case 'ListenerSet': {
        this.unlinkListenerSet(key)
        const set = object as ListenerSet
        this.listenerSets.set(key, set)
        const parent = listenerSetParentKey(set)
        getOrCreate(this.listenerSetsByParent, parent, () => new Set<string>()).add(key)
        return true
      }
      case 'Namespace':
        this.namespaces.set(name, object as Namespace)
        return true
      case 'Service':
        this.services.set(key, object as Service)
        return true
      case 'Secret':
        this.secrets.set(key, object as Secret)
        return true
      case 'ConfigMap':
        this.configMaps.set(key, object as ConfigMap)
        return true
      case 'BackendTLSPolicy':
        this.backendTLSPolicies.set(key, object as BackendTLSPolicy)
        return true
      case 'ReferenceGrant': {
        const ns = namespace ?? ''
        getOrCreate(this.referenceGrants, ns, () => new Map<string, ReferenceGrant>()).set(
          name,
          object as ReferenceGrant,
        )
        return true
      }
      default:
        if (isRouteKind(object.kind)) {
          this.routes.set(objectKey(object.kind, namespace, name), object as Route)
          return true
        }
        return false
    }
  }

  remove(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = nsName(namespace, name)
    const take = <T>(map: Map<string, T>, k: string): T | undefined => {
      const found = map.get(k)
      map.delete(k)
      return found
    }
    switch (kind) {
      case 'GatewayClass':
        return take(this.gatewayClasses, name)
      case 'Gateway':
        return take(this.gateways, key)
      case 'ListenerSet':
        this.unlinkListenerSet(key)
        return take(this.listenerSets, key)
      case 'Namespace':
        return take(this.namespaces, name)
      case 'Service':
        return take(this.services, key)
      case 'Secret':
        return take(this.secrets, key)
      case 'ConfigMap':
        return take(this.configMaps, key)
      case 'BackendTLSPolicy':
        return take(this.backendTLSPolicies, key)
      case 'ReferenceGrant': {
        const grants = this.referenceGrants.get(namespace ?? '')
        return grants ? take(grants, name) : undefined
      }
      default:
        return isRouteKind(kind) ? take(this.routes, objectKey(kind, namespace, name)) : undefined
    }
  }

  private unlinkListenerSet(key: string) {
    const old = this.listenerSets.get(key)
    if (old) this.listenerSetsByParent.get(listenerSetParentKey(old))?.delete(key)
  }

  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = nsName(namespace, name)
    switch (kind) {
      case 'GatewayClass':
        return this.gatewayClasses.get(name)
      case 'Gateway':
        return this.gateways.get(key)
      case 'ListenerSet':
        return this.listenerSets.get(key)
      case 'Namespace':
        return this.namespaces.get(name)
      case 'Service':
        return this.services.get(key)
      case 'Secret':
        return this.secrets.get(key)
      case 'ConfigMap':
        return this.configMaps.get(key)
      case 'BackendTLSPolicy':
        return this.backendTLSPolicies.get(key)
      case 'ReferenceGrant':
        return this.referenceGrants.get(namespace ?? '')?.get(name)
      default:
        return isRouteKind(kind) ? this.routes.get(objectKey(kind, namespace, name)) : undefined
    }
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
