// Starting points for the editors: an object as a person edits it (without what the server owns),
// a new route aimed at a listener, and a clone.
import { newRouteApiVersion, type RouteKind, routeKindsForProtocol } from '../route-kinds.ts'
import type { KubeObject } from '../types/meta.ts'

/** Metadata the server writes; a draft never carries them (resourceVersion is added at apply). */
export const SERVER_METADATA = [
  'resourceVersion',
  'managedFields',
  'generation',
  'uid',
  'creationTimestamp',
  'selfLink',
]

/** The object without status and server-owned metadata, in its own key order. */
export function editableObject(object: KubeObject): KubeObject {
  const { status: _status, ...rest } = object as KubeObject & { status?: unknown }
  const metadata = { ...object.metadata } as Record<string, unknown>
  for (const key of SERVER_METADATA) delete metadata[key]
  return { ...rest, metadata } as unknown as KubeObject
}

/** The route kind a listener's protocol carries by default (the first the registry lists; HTTPRoute for others). */
export function routeKindForProtocol(protocol: string): RouteKind {
  return routeKindsForProtocol(protocol)[0] ?? 'HTTPRoute'
}

export interface ListenerTarget {
  /** Gateway or ListenerSet. */
  kind: string
  namespace: string
  name: string
  listener: string
  protocol: string
}

/** "Add a route here": a route in the parent's namespace, aimed at that one listener. */
export function newRouteFor(target: ListenerTarget, name: string): KubeObject {
  const kind = routeKindForProtocol(target.protocol)
  const parentRef = {
    ...(target.kind !== 'Gateway' ? { kind: target.kind } : {}),
    name: target.name,
    sectionName: target.listener,
  }
  const backendRefs = [{ name: 'my-service', port: 8080 }]
  const rules =
    kind === 'HTTPRoute'
      ? [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs }]
      : [{ backendRefs }]
  return {
    apiVersion: newRouteApiVersion(kind),
    kind,
    metadata: { name, namespace: target.namespace },
    spec: { parentRefs: [parentRef], rules },
  } as KubeObject
}

/** A copy under a new name, without anything that belongs to the original. */
export function cloneObject(object: KubeObject, name: string): KubeObject {
  const copy = editableObject(object)
  return { ...copy, metadata: { ...copy.metadata, name } }
}
