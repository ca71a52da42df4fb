// Topology edges as the view draws them: ends inside a folded group move to the group's node, and
// edges that then share source, target and role become one edge that says how many it stands for.
import type { Health, TopologyEdge, TopologyNode } from '../../index.ts'
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

/**
 * A number per distinct shown id (the same for every node folded into one group), so buckets are
 * keyed by numbers: building a string key for each of 30,000 edges on every unfold was a quarter
 * of the view's time.
 */
function shownNumbers(shownAs: readonly (string | undefined)[]): { numbers: Int32Array; distinct: number } {
  const numbers = new Int32Array(shownAs.length)
  const byId = new Map<string, number>()
  shownAs.forEach((id, i) => {
    if (id === undefined) return
    let n = byId.get(id)
    if (n === undefined) {
      n = byId.size
      byId.set(id, n)
    }
    numbers[i] = n
  })
  return { numbers, distinct: byId.size }
}

export function routeEdges({ nodes, edges, ends, shownAs, absorbing }: EdgeInput): ViewEdge[] {
  const out: ViewEdge[] = []
  const buckets = new Map<number, Bucket>()
  const { numbers, distinct } = shownNumbers(shownAs)
  const roles = new Map<TopologyEdge['role'], number>()
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
    let role = roles.get(e.role)
    if (role === undefined) {
      role = roles.size
      roles.set(e.role, role)
    }
    // Below 2^53 for any graph a browser can hold (distinct shown ids and roles are small).
    const key = ((numbers[s] ?? 0) * distinct + (numbers[t] ?? 0)) * 64 + role
    const bucket = buckets.get(key)
    if (bucket) {
      bucket.edges.push(e)
      bucket.rerouted ||= rerouted
    } else buckets.set(key, { source, target, role: e.role, edges: [e], rerouted })
  })
  for (const bucket of buckets.values()) {
    // Between two objects shown as themselves, edges stay apart (one per route rule, with its weight).
    if (bucket.rerouted) out.push(merged(`${bucket.source}->${bucket.target}:${bucket.role}`, bucket))
    else for (const e of bucket.edges) out.push(single(e, bucket.source, bucket.target))
  }
  return out
}
