// The graph the page draws, from the topology, the findings and what the person chose to see:
// filter, then fold into groups, then route and merge edges, then highlight the selection's path.
// Pure and linear in the size of the topology: it runs in a worker on every change.
import type { Finding, Topology } from '../../index.ts'
import { routeEdges } from './edges.ts'
import { filterNodes } from './filter.ts'
import { type Adjacency, buildAdjacency } from './graph-index.ts'
import { gatewayGroupId, groupNodes } from './groups.ts'
import { raisedBy, shownHealth, worse } from './health.ts'
import { highlight } from './highlight.ts'
import { countProblems } from './problems.ts'
import type { GraphView, ObjectViewNode, ViewNode, ViewState } from './view-types.ts'

export { GROUPED_COLUMNS, gatewayGroupId, namespaceGroupId } from './groups.ts'

export interface BuildViewOptions {
  /** Above this many nodes left by the filters, namespace groups start collapsed. */
  autoCollapseAbove: number
  /**
   * Keep the topology's indexes for the next view (the worker's unfolds and filters). False for a
   * one-off drawing (the server's first frame): they would hold the whole topology (42 MB at 10k).
   */
  keep: boolean
}

export const DEFAULT_BUILD_VIEW_OPTIONS: BuildViewOptions = { autoCollapseAbove: 600, keep: true }

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export function buildView(
  topology: Topology,
  findings: Finding[],
  state: ViewState,
  options: Partial<BuildViewOptions> = {},
): GraphView {
  const { autoCollapseAbove, keep } = { ...DEFAULT_BUILD_VIEW_OPTIONS, ...options }
  const { nodes, edges } = topology
  const { position, adjacency, problems, severity, servedBy } = derived(topology, findings, keep)
  const kept = filterNodes({ nodes, position, adjacency, problems }, state)
  let matching = 0
  for (const k of kept) matching += k

  const at = state.selected === undefined ? undefined : position.get(state.selected)
  const selected = at !== undefined && kept[at] ? at : undefined
  const grouping = groupNodes(
    { nodes, edges, ends: adjacency.ends, kept, problems, severity, matching, autoCollapseAbove, selected },
    state,
  )

  const viewNodes: ViewNode[] = []
  nodes.forEach((node, i) => {
    if (grouping.shownAs[i] !== node.id) return
    const shown: ObjectViewNode = {
      type: 'object',
      id: node.id,
      column: node.column,
      node,
      // A Gateway answers for its listeners: one that cannot serve makes the Gateway a problem too.
      health: raisedBy(shownHealth(node.health, severity[i] ?? 0), grouping.listenerHealth.get(i)),
      problems: (problems[i] ?? 0) + (grouping.foldedProblems.get(i) ?? 0),
      highlighted: false,
      dimmed: false,
    }
    const down = servedBy.get(i)
    if (down !== undefined) {
      shown.listenersDown = down
      shown.health = worse(shown.health, 'warning')
    }
    const group = grouping.memberOf[i]
    if (group !== undefined) shown.group = group
    viewNodes.push(shown)
  })
  for (const { info, column } of grouping.collapsed) {
    viewNodes.push({
      type: 'group',
      id: info.id,
      column,
      group: info,
      problems: info.problems,
      highlighted: false,
      dimmed: false,
    })
  }
  const viewEdges = routeEdges({
    nodes,
    edges,
    ends: adjacency.ends,
    shownAs: grouping.shownAs,
    absorbing: new Set(grouping.foldedProblems.keys()),
  })

  highlight(viewNodes, viewEdges, selectionInView(topology, grouping.shownAs, selected, state.selected))
  viewNodes.sort((a, b) => a.column - b.column || byId(a, b))
  viewEdges.sort(byId)
  return { nodes: viewNodes, edges: viewEdges, total: nodes.length, matching }
}

/** What a view derives from the topology and findings alone, whatever the person chose to see. */
interface Derived {
  findings: readonly Finding[]
  position: Map<string, number>
  adjacency: Adjacency
  problems: Uint32Array
  severity: Uint8Array
  servedBy: Map<number, number>
}

// The worker keeps one topology and findings list until objects change, and builds a view for every
// unfold, filter or selection in between: those must not pay for indexing 25,000 nodes again.
const derivedByTopology = new WeakMap<Topology, Derived>()
/** The last topology indexed: after a change that moved no node or edge, its indexes still hold. */
let lastIndexed: { topology: Topology; position: Map<string, number>; adjacency: Adjacency } | undefined

/** Same nodes and edges in the same order (a node's id names its role and object, an edge's its ends and role). */
export function sameShape(a: Topology, b: Topology): boolean {
  if (a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false
  // Most are the same objects (a route's parts are kept per verdict): no need to compare their ids.
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i]!
    const y = b.nodes[i]!
    if (x !== y && x.id !== y.id) return false
  }
  for (let i = 0; i < a.edges.length; i++) {
    const x = a.edges[i]!
    const y = b.edges[i]!
    if (x !== y && x.id !== y.id) return false
  }
  return true
}

function derived(topology: Topology, findings: readonly Finding[], keep: boolean): Derived {
  const known = derivedByTopology.get(topology)
  if (known !== undefined && known.findings === findings) return known
  const indexed =
    known ??
    (lastIndexed !== undefined && sameShape(lastIndexed.topology, topology) ? lastIndexed : undefined)
  const position = indexed?.position ?? new Map(topology.nodes.map((n, i) => [n.id, i]))
  const adjacency = indexed?.adjacency ?? buildAdjacency(position, topology.edges)
  if (keep) lastIndexed = { topology, position, adjacency }
  const { counts: problems, severity } = countProblems(findings, position)
  const servedBy = listenersThatCannotServe(topology, position, severity)
  const fresh = { findings, position, adjacency, problems, severity, servedBy }
  if (keep) derivedByTopology.set(topology, fresh)
  return fresh
}

/**
 * Per route position: how many listeners it is attached to whose own health is an error (a missing
 * certificate, say). The route is accepted there, but its traffic through them fails.
 */
function listenersThatCannotServe(
  { nodes, edges }: Topology,
  position: ReadonlyMap<string, number>,
  severity: Uint8Array,
): Map<number, number> {
  const out = new Map<number, number>()
  for (const e of edges) {
    if (e.role !== 'attached') continue
    const from = position.get(e.source)
    const to = position.get(e.target)
    const listener = from === undefined ? undefined : nodes[from]
    if (to === undefined || from === undefined || listener?.role !== 'Listener') continue
    if (shownHealth(listener.health, severity[from] ?? 0) !== 'error') continue
    out.set(to, (out.get(to) ?? 0) + 1)
  }
  return out
}

/** The view node to highlight from: a folded listener selects its Gateway, a Gateway group id the Gateway. */
function selectionInView(
  { nodes }: Topology,
  shownAs: readonly (string | undefined)[],
  selected: number | undefined,
  requested: string | undefined,
): string | undefined {
  if (selected !== undefined) return shownAs[selected]
  if (requested?.startsWith('gw:')) {
    const i = nodes.findIndex((n) => n.role === 'Gateway' && gatewayGroupId(n.object) === requested)
    return i < 0 ? undefined : shownAs[i]
  }
  return requested
}
