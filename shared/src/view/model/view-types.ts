// The contract between the graph's pure model (filters, grouping, highlighting, layout) and the
// views. Everything here is plain data so that it can cross from the worker to the page.
import type { Health, NodeRole, TopologyEdge, TopologyNode } from '../../index.ts'

/** What the person chose to see. Serialised into the URL (see url-state.ts), so keep it flat. */
export interface ViewState {
  /** Only objects in these namespaces (plus what they connect to). Empty: all namespaces. */
  namespaces: string[]
  /** Only these Gateways ("namespace/name") and what hangs off them. Empty: all Gateways. */
  gateways: string[]
  /** Only routes of these kinds. Empty: all kinds. */
  kinds: string[]
  problemsOnly: boolean
  /** Only the objects policies target, with those policies and their paths (`policies=1`). */
  hasPolicies?: boolean
  /** Only policies of these kinds and what they target (`pkind=`). Empty: no such filter. */
  policyKinds?: string[]
  /** Case-insensitive substring over names, namespaces, hostnames, route matches and policy kinds. */
  search: string
  /** Group ids the person opened (overrides automatic collapsing). */
  expanded: string[]
  /** Group ids the person closed. */
  collapsed: string[]
  /** Node id of the selection; its path through the topology is highlighted. */
  selected?: string
}

export const EMPTY_VIEW_STATE: ViewState = {
  namespaces: [],
  gateways: [],
  kinds: [],
  problemsOnly: false,
  search: '',
  expanded: [],
  collapsed: [],
}

/**
 * A group that can stand in for many nodes: all routes (or backends, grants, policies) of one
 * namespace in one column, or the listeners of one Gateway folded into the Gateway node.
 * Ids: `ns:<namespace>:<column>` and `gw:<namespace>/<name>`.
 */
export interface GroupInfo {
  id: string
  kind: 'namespace' | 'gateway'
  label: string
  /** How many topology nodes it stands for, per role. */
  counts: Partial<Record<NodeRole, number>>
  /** Findings (errors and warnings) on the objects it hides: never hidden by aggregation. */
  problems: number
  health: Health
}

interface ViewNodeBase {
  id: string
  column: number
  /** Part of the selected node's path; false everywhere when nothing is selected. */
  highlighted: boolean
  /** Something is selected and this node is not on its path. */
  dimmed: boolean
  /** Findings on this node's object (or the objects it stands for). */
  problems: number
}

export interface ObjectViewNode extends ViewNodeBase {
  type: 'object'
  node: TopologyNode
  /**
   * What the node shows: the object's health raised by the findings on it and, for a Gateway, by
   * its listeners' (model/health.ts). node.health stays the object's own.
   */
  health: Health
  /** For a route: listeners it is attached to that cannot serve (their own health is an error). */
  listenersDown?: number
  /** Collapsible group this node belongs to and is currently shown expanded in, if any. */
  group?: string
}

export interface GroupViewNode extends ViewNodeBase {
  type: 'group'
  group: GroupInfo
}

export type ViewNode = ObjectViewNode | GroupViewNode

export interface ViewEdge
  extends Pick<TopologyEdge, 'id' | 'source' | 'target' | 'role' | 'health' | 'percent' | 'port' | 'note'> {
  /** How many topology edges it stands for when one end is a group; 1 otherwise. */
  count: number
  highlighted: boolean
  dimmed: boolean
}

export interface GraphView {
  nodes: ViewNode[]
  edges: ViewEdge[]
  /** Topology nodes in total and how many the filters left (before grouping). */
  total: number
  matching: number
}

export interface Point {
  x: number
  y: number
}

export interface PositionedNode {
  id: string
  x: number
  y: number
  width: number
  height: number
}
