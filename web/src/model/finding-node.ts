// Which graph node shows the object a finding is about. One mapping for the problems panel and the
// per-node problem counts.
import { type NodeRole, nodeId, type ObjectRef, ROUTE_KINDS } from '@gatemap/shared'

const ROUTES: ReadonlySet<string> = new Set(ROUTE_KINDS)

export function roleOfKind(kind: string): NodeRole {
  if (ROUTES.has(kind)) return 'Route'
  switch (kind) {
    case 'GatewayClass':
    case 'Gateway':
    case 'ListenerSet':
    case 'ReferenceGrant':
    case 'BackendTLSPolicy':
      return kind
    default:
      // Services and every other kind a backendRef can name.
      return 'Backend'
  }
}

export function findingNodeId(object: ObjectRef): string {
  return nodeId(roleOfKind(object.kind), object)
}
