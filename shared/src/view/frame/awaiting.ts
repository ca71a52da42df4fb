// In a cluster, what the controllers wrote comes first: a route, Gateway or GatewayClass that no
// controller has accepted yet (no Accepted condition, or the API server's default Unknown "Waiting
// for controller") is marked so, whatever Gatemap computes. Folder inputs carry no live status, so
// this is for cluster mode only.
import { type Condition, findCondition, objectKey, type Topology, type TopologyNode } from '../../index.ts'

type Status = { conditions?: Condition[]; parents?: Array<{ conditions?: Condition[] }> }

const decided = (conditions: Condition[] | undefined) => {
  const accepted = findCondition(conditions, 'Accepted')
  return accepted !== undefined && accepted.status !== 'Unknown'
}

function awaiting(node: TopologyNode, status: Status | undefined): boolean {
  switch (node.role) {
    case 'Route':
      return !(status?.parents ?? []).some((p) => decided(p.conditions))
    case 'Gateway':
    case 'GatewayClass':
      return !decided(status?.conditions)
    default:
      return false
  }
}

/** The marked copy of a node, kept while the node is: frames after a change then hold the same object. */
const marked = new WeakMap<TopologyNode, TopologyNode>()

export function markAwaitingController(
  topology: Topology,
  mirror: { objects: ReadonlyMap<string, { object: unknown }> },
): Topology {
  let changed = false
  const nodes = topology.nodes.map((node) => {
    if (node.role !== 'Route' && node.role !== 'Gateway' && node.role !== 'GatewayClass') return node
    const { kind, namespace, name } = node.object
    const entry = mirror.objects.get(objectKey(kind, namespace || undefined, name))
    if (!entry || !awaiting(node, (entry.object as { status?: Status }).status)) return node
    changed = true
    let copy = marked.get(node)
    if (copy === undefined) {
      copy = {
        ...node,
        health: node.health === 'ok' ? ('pending' as const) : node.health,
        detail: { ...node.detail, awaiting: 'yes' },
      }
      marked.set(node, copy)
    }
    return copy
  })
  return changed ? { nodes, edges: topology.edges } : topology
}
