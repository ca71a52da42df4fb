// Aggregation for scale: routes, backends and grants/policies of one namespace fold into one node per
// column, and a Gateway can fold its listeners (and ListenerSets) into itself. Decides, for every
// node the filters kept, which view node stands for it.
import { COLUMN, type Health, type NodeRole, type TopologyEdge, type TopologyNode } from '../../index.ts'
import { routeKindOf } from './filter.ts'
import { shownHealth, worse } from './health.ts'
import type { GroupInfo, ViewState } from './view-types.ts'

export const GROUPED_COLUMNS: ReadonlySet<number> = new Set([
  COLUMN.Route,
  COLUMN.Backend,
  COLUMN.ReferenceGrant,
  COLUMN.Policy,
])

export const namespaceGroupId = (namespace: string, column: number): string => `ns:${namespace}:${column}`

export const gatewayGroupId = (gateway: { namespace?: string; name: string }): string =>
  `gw:${gateway.namespace ?? ''}/${gateway.name}`

export interface GroupingInput {
  nodes: readonly TopologyNode[]
  edges: readonly TopologyEdge[]
  /** Source and target position per edge, from the adjacency. */
  ends: Int32Array
  kept: Uint8Array
  problems: Uint32Array
  /** Per node, the worst finding on it (ProblemSeverity). */
  severity: Uint8Array
  /** Nodes the filters kept; above the threshold namespace groups start collapsed. */
  matching: number
  autoCollapseAbove: number
  /** Position of the selected topology node when the filters kept it. */
  selected: number | undefined
}

export interface Grouping {
  /** Per topology node: the view node standing for it (itself when shown), undefined when filtered out. */
  shownAs: (string | undefined)[]
  /** Per node shown as itself: the group it is shown expanded in. */
  memberOf: (string | undefined)[]
  /** Per Gateway with listeners folded into it: the findings on those listeners and ListenerSets. */
  foldedProblems: Map<number, number>
  /** Per Gateway: the worst shown health of its listeners and ListenerSets, folded or not. */
  listenerHealth: Map<number, Health>
  collapsed: { info: GroupInfo; column: number }[]
}

/** Per Listener and ListenerSet: the Gateway it belongs to, -1 for none. */
function gatewayOwners(input: GroupingInput): Int32Array {
  const { nodes, edges, ends } = input
  const owner = new Int32Array(nodes.length).fill(-1)
  // ListenerSets first, so that their listeners can look up the set's Gateway.
  for (const role of ['listenerSet', 'listener'] as const) {
    edges.forEach((e, i) => {
      const s = ends[2 * i] ?? -1
      const t = ends[2 * i + 1] ?? -1
      if (e.role !== role || s < 0 || t < 0) return
      owner[t] = nodes[s]?.role === 'Gateway' ? s : (owner[s] ?? -1)
    })
  }
  return owner
}

const plural = (word: string, n: number) =>
  n === 1 ? word : word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`

function noun(column: number, kinds: ReadonlySet<string>, n: number): string {
  const [only] = kinds
  if (kinds.size === 1 && only !== undefined) return plural(only, n)
  if (column === COLUMN.Route) return plural('route', n)
  if (column === COLUMN.Backend) return plural('backend', n)
  if (column === COLUMN.Policy) return plural('policy', n)
  return n === 1 ? 'grant or policy' : 'grants and policies'
}

function groupLabel(namespace: string, column: number, members: readonly TopologyNode[]): string {
  const kindOf = (n: TopologyNode) => (n.role === 'Route' ? routeKindOf(n) : n.object.kind)
  return `${namespace} · ${members.length} ${noun(column, new Set(members.map(kindOf)), members.length)}`
}

function summarise(
  id: string,
  namespace: string,
  column: number,
  members: readonly number[],
  input: GroupingInput,
): GroupInfo {
  const counts: Partial<Record<NodeRole, number>> = {}
  const nodes: TopologyNode[] = []
  let problems = 0
  let health: Health = 'ok'
  for (const i of members) {
    const node = input.nodes[i]
    if (!node) continue
    nodes.push(node)
    counts[node.role] = (counts[node.role] ?? 0) + 1
    problems += input.problems[i] ?? 0
    health = worse(health, shownHealth(node.health, input.severity[i] ?? 0))
  }
  return { id, kind: 'namespace', label: groupLabel(namespace, column, nodes), counts, problems, health }
}

function isCollapsed(
  id: string,
  size: number,
  auto: boolean,
  expanded: ReadonlySet<string>,
  collapsed: ReadonlySet<string>,
): boolean {
  if (!auto) return collapsed.has(id)
  return !expanded.has(id) && (size > 1 || collapsed.has(id))
}

export function groupNodes(input: GroupingInput, state: ViewState): Grouping {
  const { nodes, kept, problems } = input
  const shownAs: (string | undefined)[] = nodes.map((n, i) => (kept[i] ? n.id : undefined))
  const memberOf: (string | undefined)[] = new Array(nodes.length).fill(undefined)
  const expanded = new Set(state.expanded)
  const collapsed = new Set(state.collapsed)

  // Keyed by namespace, then column: building an id string per node costs more than the rest.
  const byNamespace = new Map<string, Map<number, number[]>>()
  nodes.forEach((n, i) => {
    const namespace = n.object.namespace
    if (!kept[i] || !namespace || !GROUPED_COLUMNS.has(n.column)) return
    let columns = byNamespace.get(namespace)
    if (!columns) {
      columns = new Map()
      byNamespace.set(namespace, columns)
    }
    const members = columns.get(n.column)
    if (members) members.push(i)
    else columns.set(n.column, [i])
  })
  const auto = input.matching > input.autoCollapseAbove
  // The selection's own namespace stays open so that it, and the path through it, can be shown.
  const openNamespace = input.selected === undefined ? undefined : nodes[input.selected]?.object.namespace
  const summaries: Grouping['collapsed'] = []
  for (const [namespace, columns] of byNamespace) {
    for (const [column, members] of columns) {
      const id = namespaceGroupId(namespace, column)
      const closed = namespace !== openNamespace && isCollapsed(id, members.length, auto, expanded, collapsed)
      if (!closed) {
        for (const i of members) memberOf[i] = id
        continue
      }
      for (const i of members) shownAs[i] = id
      summaries.push({ info: summarise(id, namespace, column, members, input), column })
    }
  }

  const owner = gatewayOwners(input)
  const foldedProblems = new Map<number, number>()
  const listenerHealth = new Map<number, Health>()
  nodes.forEach((node, i) => {
    const gw = owner[i] ?? -1
    const gateway = nodes[gw]
    if (!kept[i] || gw < 0 || !kept[gw] || !gateway) return
    const own = shownHealth(node.health, input.severity[i] ?? 0)
    listenerHealth.set(gw, worse(listenerHealth.get(gw) ?? 'ok', own))
    const id = gatewayGroupId(gateway.object)
    if (collapsed.has(id)) {
      shownAs[i] = gateway.id
      foldedProblems.set(gw, (foldedProblems.get(gw) ?? 0) + (problems[i] ?? 0))
    } else {
      memberOf[i] = id
      memberOf[gw] = id
    }
  })
  return { shownAs, memberOf, foldedProblems, listenerHealth, collapsed: summaries }
}
