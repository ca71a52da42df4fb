// The filters of the view state, each computed over the whole topology and then intersected, so
// their order does not matter. Filters that keep an object also keep its path (listeners, Gateway,
// class, backends, grants): a route without the way traffic reaches it explains nothing.
import { nodeId, type TopologyNode } from '../../index.ts'
import { type Adjacency, forEachIn, markNeighbours, markPaths, someIn } from './graph-index.ts'
import type { ViewState } from './view-types.ts'

export interface FilterInput {
  nodes: readonly TopologyNode[]
  position: ReadonlyMap<string, number>
  adjacency: Adjacency
  problems: Uint32Array
}

type Filter = (input: FilterInput, state: ViewState) => Uint8Array | undefined

const INFRASTRUCTURE = new Set(['GatewayClass', 'Gateway', 'ListenerSet', 'Listener'])

export const routeKindOf = (node: TopologyNode): string =>
  typeof node.detail.kind === 'string' ? node.detail.kind : node.object.kind

const indicesWhere = (nodes: readonly TopologyNode[], keep: (n: TopologyNode, i: number) => boolean) => {
  const out: number[] = []
  nodes.forEach((n, i) => {
    if (keep(n, i)) out.push(i)
  })
  return out
}

const byNamespace: Filter = ({ nodes, adjacency }, { namespaces }) => {
  if (namespaces.length === 0) return undefined
  const wanted = new Set(namespaces)
  const inside = (n: TopologyNode) => n.object.namespace !== undefined && wanted.has(n.object.namespace)
  const marks = markPaths(
    adjacency,
    indicesWhere(nodes, (n) => n.role === 'Route' && inside(n)),
  )
  nodes.forEach((n, i) => {
    if (inside(n)) marks[i] = 1
  })
  // Classes have no namespace: keep the ones above a Gateway that stayed.
  nodes.forEach((n, i) => {
    if (n.role === 'GatewayClass' && someIn(adjacency.children, i, (c) => marks[c] === 1)) marks[i] = 1
  })
  return marks
}

const byGateway: Filter = ({ position, adjacency }, { gateways }) => {
  if (gateways.length === 0) return undefined
  const seeds: number[] = []
  for (const g of gateways) {
    const slash = g.indexOf('/')
    const ref = { kind: 'Gateway', namespace: g.slice(0, slash), name: g.slice(slash + 1) }
    const at = slash < 0 ? undefined : position.get(nodeId('Gateway', ref))
    if (at !== undefined) seeds.push(at)
  }
  return markPaths(adjacency, seeds)
}

const byKind: Filter = ({ nodes, adjacency }, { kinds }) => {
  if (kinds.length === 0) return undefined
  const wanted = new Set(kinds)
  const marks = markPaths(
    adjacency,
    indicesWhere(nodes, (n) => n.role === 'Route' && wanted.has(routeKindOf(n))),
  )
  nodes.forEach((n, i) => {
    if (INFRASTRUCTURE.has(n.role)) marks[i] = 1
  })
  return marks
}

const byProblems: Filter = ({ nodes, adjacency, problems }, { problemsOnly }) => {
  if (!problemsOnly) return undefined
  const troubled = (n: TopologyNode, i: number) =>
    n.health === 'error' ||
    n.health === 'missing' ||
    n.health === 'warning' ||
    n.disagrees === true ||
    n.stale === true ||
    (problems[i] ?? 0) > 0
  return markNeighbours(adjacency, indicesWhere(nodes, troubled))
}

/**
 * The policies asked for (all, or those of some kinds) and the objects they target with their paths;
 * policies of other kinds on the same objects are left out.
 */
const byPolicy: Filter = ({ nodes, adjacency }, { hasPolicies, policyKinds = [] }) => {
  if (!hasPolicies && policyKinds.length === 0) return undefined
  const wanted = new Set(policyKinds)
  const chosen = indicesWhere(
    nodes,
    (n) => n.role === 'Policy' && (wanted.size === 0 || wanted.has(n.object.kind)),
  )
  const targets: number[] = []
  // Policy edges point back: on a path a policy hangs below its targets, which are its parents.
  for (const p of chosen) forEachIn(adjacency.parents, p, (t) => targets.push(t))
  const marks = markPaths(adjacency, targets)
  nodes.forEach((n, i) => {
    if (n.role === 'Policy') marks[i] = 0
  })
  for (const p of chosen) marks[p] = 1
  return marks
}

function textMatches(n: TopologyNode, query: string): boolean {
  const has = (s: string | undefined) => s?.toLowerCase().includes(query) === true
  if (has(n.label) || has(n.object.namespace) || has(n.object.name)) return true
  if (n.role === 'Policy' && has(n.object.kind)) return true
  for (const field of [n.detail.hostnames, n.detail.matches]) {
    if (Array.isArray(field) && field.some(has)) return true
  }
  return false
}

const bySearch: Filter = ({ nodes, adjacency }, { search }) => {
  const query = search.trim().toLowerCase()
  if (query === '') return undefined
  return markPaths(
    adjacency,
    indicesWhere(nodes, (n) => textMatches(n, query)),
  )
}

const FILTERS: readonly Filter[] = [byNamespace, byGateway, byKind, byPolicy, byProblems, bySearch]

/** 1 for every node all active filters keep. */
export function filterNodes(input: FilterInput, state: ViewState): Uint8Array {
  const kept = new Uint8Array(input.nodes.length).fill(1)
  for (const filter of FILTERS) {
    const marks = filter(input, state)
    if (!marks) continue
    for (let i = 0; i < kept.length; i++) kept[i] = (kept[i] ?? 0) & (marks[i] ?? 0)
  }
  return kept
}
