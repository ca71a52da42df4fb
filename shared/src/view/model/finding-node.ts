// Which graph node shows the object a finding is about. One mapping for the problems panel and the
// per-node problem counts.
import {
  GATEWAY_GROUP,
  knownPolicyKind,
  type NodeRole,
  nodeId,
  type ObjectRef,
  ROUTE_KINDS,
} from '../../index.ts'

const ROUTES: ReadonlySet<string> = new Set(ROUTE_KINDS)

export function roleOfKind(kind: string, group = GATEWAY_GROUP): NodeRole {
  if (ROUTES.has(kind)) return 'Route'
  // Objects of other groups reach the analysis only as policies (known kinds, or labelled CRDs).
  if (knownPolicyKind(group, kind) || (group !== GATEWAY_GROUP && group !== '')) return 'Policy'
  switch (kind) {
    case 'GatewayClass':
    case 'Gateway':
    case 'ListenerSet':
    case 'ReferenceGrant':
      return kind
    default:
      // Services and every other kind a backendRef can name.
      return 'Backend'
  }
}

/** Findings keep their object while they stand (findings.ts keeps a route's): its node id is kept with it. */
const idOf = new WeakMap<ObjectRef, string>()

export function findingNodeId(object: ObjectRef): string {
  let id = idOf.get(object)
  if (id === undefined) {
    id = nodeId(roleOfKind(object.kind, object.group), object)
    idOf.set(object, id)
  }
  return id
}
