// A backend the analysis could not resolve is drawn "Not found" — unless the object is right there
// in what the source sent, which happens when the reference to it is refused (no ReferenceGrant
// permits it): the analysis does not look past the refusal, as a controller would not. Then the
// node says what is true: the object exists and the reference is not permitted.
import { objectKey, type Topology, type TopologyNode } from '../../index.ts'

/** The marked copy of a node, kept while the node is: frames after a change then hold the same object. */
const marked = new WeakMap<TopologyNode, TopologyNode>()

export function markPresentBackends(
  topology: Topology,
  mirror: { objects: ReadonlyMap<string, unknown> },
): Topology {
  let changed = false
  const nodes = topology.nodes.map((node) => {
    if (node.role !== 'Backend' || node.health !== 'missing') return node
    const { kind, namespace, name } = node.object
    if (!mirror.objects.has(objectKey(kind, namespace || undefined, name))) return node
    changed = true
    let copy = marked.get(node)
    if (copy === undefined) {
      copy = { ...node, health: 'warning' as const, detail: { ...node.detail, refused: 'yes' } }
      marked.set(node, copy)
    }
    return copy
  })
  return changed ? { nodes, edges: topology.edges } : topology
}
