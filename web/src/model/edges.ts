// Topology edges as the view draws them: ends inside a folded group move to the group's node, and
// edges that then share source, target and role become one edge that says how many it stands for.
import type { Health, TopologyEdge, TopologyNode } from '@gatemap/shared'
import { worse } from './health.ts'
import type { ViewEdge } from './view-types.ts'

export interface EdgeInput {
  nodes: readonly TopologyNode[]
  edges: readonly TopologyEdge[]
  /** Source and target position per edge, from the adjacency. */
  ends: Int32Array
  shownAs: readonly (string | undefined)[]
  /** Positions of the nodes that others are folded into (collapsed Gateways). */
  absorbing: ReadonlySet<number>
}

interface Bucket {
  source: string
  target: string
  role: TopologyEdge['role']
  edges: TopologyEdge[]
  rerouted: boolean
}

function single(e: TopologyEdge, source: string, target: string): ViewEdge {
  const edge: ViewEdge = {
    id: e.id,
    source,
    target,
    role: e.role,
    health: e.health,
    count: 1,
    highlighted: false,
    dimmed: false,
  }
  if (e.percent !== undefined) edge.percent = e.percent
  if (e.port !== undefined) edge.port = e.port
  if (e.note !== undefined) edge.note = e.note
  return edge
}

function merged(id: string, { source, target, role, edges }: Bucket): ViewEdge {
  let health: Health = 'ok'
  for (const e of edges) health = worse(health, e.health)
  const percent = edges.length === 1 ? edges[0]?.percent : undefined
  return {
    id,
    source,
    target,
    role,
    health,
    ...(percent === undefined ? {} : { percent }),
    count: edges.length,
    highlighted: false,
    dimmed: false,
  }
}

export function routeEdges({ nodes, edges, ends, shownAs, absorbing }: EdgeInput): ViewEdge[] {
  const out: ViewEdge[] = []
  const buckets = new Map<string, Bucket>()
  edges.forEach((e, i) => {
    const s = ends[2 * i] ?? -1
    const t = ends[2 * i + 1] ?? -1
    const source = shownAs[s]
    const target = shownAs[t]
    // Filtered out at either end, or inside one folded node (a Gateway and its own listeners).
    if (source === undefined || target === undefined || source === target) return
    const rerouted = source !== nodes[s]?.id || target !== nodes[t]?.id
    // Most edges join two objects shown as themselves and nothing can merge into them: skip the
    // bucket. Only a collapsed Gateway can receive both its own edges and its listeners' edges.
    if (!rerouted && !absorbing.has(s) && !absorbing.has(t)) {
      out.push(single(e, source, target))
      return
    }
    const key = `${source}->${target}:${e.role}`
    const bucket = buckets.get(key)
    if (bucket) {
      bucket.edges.push(e)
      bucket.rerouted ||= rerouted
    } else buckets.set(key, { source, target, role: e.role, edges: [e], rerouted })
  })
  for (const [key, bucket] of buckets) {
    // Between two objects shown as themselves, edges stay apart (one per route rule, with its weight).
    if (bucket.rerouted) out.push(merged(key, bucket))
    else for (const e of bucket.edges) out.push(single(e, bucket.source, bucket.target))
  }
  return out
}
