// Frame → React Flow nodes and edges. Unchanged nodes keep their previous object so that React
// Flow and React.memo skip them: an update to one route re-renders one node, not the graph. Edges
// are not React Flow's (one SVG element per edge cost seconds at a few thousand): EdgeLayer.tsx
// draws them all in one SVG.

import type { Frame, LaidOutNode } from '@gatemap/shared/view/frame/messages.ts'
import type { ViewEdge } from '@gatemap/shared/view/model/view-types.ts'
import type { Node } from '@xyflow/react'
import {
  type Box,
  type Cubic,
  type EdgeShape,
  edgeEnds,
  edgeGeometry,
  labelWidth,
  type Point,
} from './edge-geometry.ts'
import { backendProtocol, edgeTooltip, type NodesById, pathLabel } from './edge-words.ts'
import { EDGE_WORD, HEALTH_GLYPH, ROLE_LABEL } from './glyphs.ts'
import { counted } from './node-facts.ts'

export type FlowNode = Node<FlowNodeData>

export interface FlowNodeData extends Record<string, unknown> {
  view: LaidOutNode
  /** A Gateway whose listeners are folded by hand (its button then offers to show them). */
  listenersFolded?: boolean
}

/** The group a Gateway's listeners fold into; a placeholder for a missing Gateway has none. */
export function listenerGroupOf(view: LaidOutNode): string | undefined {
  if (view.type !== 'object' || view.node.role !== 'Gateway' || view.node.health === 'missing')
    return undefined
  return `gw:${view.node.object.namespace ?? ''}/${view.node.object.name}`
}

/**
 * An edge as the edge layer draws it (EdgeLayer.tsx): its path and label are computed here from the
 * layout's boxes, so the page never measures handles or label text.
 */
export interface DrawnEdge {
  id: string
  className: string
  path: string
  /** The curve `path` draws, so that the edge layer can draw only the part of a long edge near the view. */
  curve?: Cubic
  /** Where the label (and the hover tooltip) sits, in flow coordinates. */
  at: Point
  label?: { text: string; width: number }
  /** On the selected path (or a trace's): its label is placed before any other. */
  highlighted?: true
  tooltip?: string
  /** The box the edge and its label lie in, to leave out edges far from the view. */
  bounds: Bounds
}

/**
 * What each node and edge was drawn from. The page keeps an unchanged view node's and edge's object
 * across frames (worker/frame-patch.ts), so the same objects are the same drawing without building a
 * key; the key is for a node that moved or came back equal (an unfold, a new frame after a reconnect),
 * built only when such a node is compared.
 */
export interface FlowCache {
  nodes: Map<string, { view: LaidOutNode; shown: string; key?: string; node: FlowNode }>
  edges: Map<string, LazyEdge>
}

/** A box in flow coordinates. */
export interface Bounds {
  left: number
  top: number
  right: number
  bottom: number
}

/**
 * An edge of the frame as the edge layer gets it: how high it reaches, known from its ends' boxes, and
 * its drawing, built when it is first near the view. At 10,000 routes a frame has 20,000 edges and the
 * first view shows a few hundred: building every path, label and tooltip up front was most of the
 * page's work on the first frame.
 */
export interface EdgeEntry {
  id: string
  /** Heights the edge and its label lie between (both ends lie inside their boxes, the curve between). */
  reach: { top: number; bottom: number }
  drawn(): DrawnEdge
}

/** A drawing of an edge and what it was drawn from; its key is built only when it is compared. */
interface Drawing {
  from: ViewEdge
  said: EdgeText
  s: LaidOutNode
  t: LaidOutNode
  edge: DrawnEdge
  key?: string
}

const keyOf = (d: Omit<Drawing, 'edge'>): string => {
  d.key ??= edgeKey(d.from, d.said, d.s, d.t)
  return d.key
}

/**
 * An edge's drawing, built on demand. After a change it starts from the last drawing of the same
 * edge, and keeps that drawing's object when it comes out the same (the edge layer then skips it).
 */
class LazyEdge implements EdgeEntry {
  readonly id: string
  readonly reach: { top: number; bottom: number }
  readonly from: ViewEdge
  readonly s: LaidOutNode
  readonly t: LaidOutNode
  private drawing: Drawing | undefined
  /** The last drawing of this edge, until this one is drawn (one drawing back, never a chain). */
  private before: Drawing | undefined

  constructor(from: ViewEdge, s: LaidOutNode, t: LaidOutNode, before: Drawing | undefined) {
    this.from = from
    this.s = s
    this.t = t
    this.before = before
    this.id = from.id
    this.reach = {
      top: Math.min(s.y, t.y) - EDGE_MARGIN,
      bottom: Math.max(s.y + s.height, t.y + t.height) + EDGE_MARGIN,
    }
  }

  /** The drawing to start from when this edge changes: this one's, or the one it started from. */
  get last(): Drawing | undefined {
    return this.drawing ?? this.before
  }

  drawn(): DrawnEdge {
    if (this.drawing === undefined) {
      const { from, s, t, before } = this
      // Its own two ends, not the frame's map of nodes: an edge not drawn yet must not keep a frame alive.
      const ends: NodesById = { get: (id) => (id === s.id ? s : id === t.id ? t : undefined) }
      const said = edgeText(from, ends)
      const drawn: Omit<Drawing, 'edge'> = { from, said, s, t }
      // The geometry follows both ends' boxes: an unfold that moves a node redraws only its edges.
      const same = before !== undefined && keyOf(drawn) === keyOf(before)
      this.drawing = { ...drawn, edge: same ? before.edge : drawnEdge(from, said, s, t) }
      this.before = undefined
    }
    return this.drawing.edge
  }
}

/** How far above and below its ends an edge's box reaches (its stroke and label, see drawnEdge). */
const EDGE_MARGIN = 16

export const emptyCache = (): FlowCache => ({ nodes: new Map(), edges: new Map() })

/**
 * The nodes have no handles (edges are ours, from the layout's boxes). Saying so up front keeps React
 * Flow from rendering every node it has not measured yet, in view or not, to find its handles: at
 * 10,000 routes that was all 2,700 nodes on the first frame, 30,000 elements styled and laid out once.
 */
const NO_HANDLES: NonNullable<FlowNode['handles']> = []

/** Edges from a grant or policy run right to left, into the backend's right side. */
const REVERSED = new Set(['grant', 'policy'])

/** A rejected edge's label sits near its route; see edge-geometry.ts. */
const LABEL_AT: Partial<Record<ViewEdge['role'], number>> = { rejected: 0.8, attached: 0.7 }

function edgeLabel(e: ViewEdge, protocol: string | undefined): string | undefined {
  const parts: string[] = []
  if (e.role === 'backend' && e.count === 1) {
    if (e.port !== undefined) parts.push(`:${e.port}${protocol ? ` ${protocol}` : ''}`)
    if (e.percent !== undefined) parts.push(`${e.percent}%`)
  }
  const word = EDGE_WORD[e.role]
  if (word) parts.push(word)
  // A policy's rule or port section, and its rejection there.
  if (e.note !== undefined && e.count === 1) parts.push(e.note)
  if (e.count > 1) parts.push(`×${e.count}`)
  return parts.length > 0 ? parts.join(' ') : undefined
}

export interface EdgeText {
  shape: EdgeShape
  label: string | undefined
  tooltip: string | undefined
  labelAt: number
}

/** How an edge is drawn and what it says, on the canvas and in an export alike. */
export function edgeText(e: ViewEdge, byId: NodesById): EdgeText {
  const source = byId.get(e.source)
  const protocol =
    e.role === 'backend' && source?.type === 'object' ? backendProtocol(source.node.detail.kind) : undefined
  return {
    shape: e.role === 'listenerSet' ? 'bracket' : REVERSED.has(e.role) ? 'reversed' : 'forward',
    label: (e.highlighted ? pathLabel(e, byId) : undefined) ?? edgeLabel(e, protocol),
    tooltip: edgeTooltip(e, byId),
    labelAt: LABEL_AT[e.role] ?? 0.5,
  }
}

/**
 * What a screen reader says for a node: kind, the name as written (a listener's Gateway, not its
 * namespace, names it), and the health word and problem count the node shows.
 */
export function ariaLabel(view: LaidOutNode): string {
  if (view.type === 'group') return `${view.group.label}, ${HEALTH_GLYPH[view.group.health].word}`
  const { node } = view
  const { kind, namespace, name } = node.object
  const full = namespace ? `${namespace}/${name}` : name
  const what =
    node.role === 'Listener'
      ? `Listener ${node.label} of ${kind} ${full}`
      : `${node.role === 'Route' || node.role === 'Backend' || node.role === 'Policy' ? kind : ROLE_LABEL[node.role]} ${full}`
  const problems = view.problems > 0 ? `, ${counted(view.problems, 'problem')}` : ''
  const down = view.listenersDown ? `, ${counted(view.listenersDown, 'listener')} cannot serve it` : ''
  const awaiting = node.detail.awaiting ? ', no controller has accepted this yet' : ''
  return `${what}, ${HEALTH_GLYPH[view.health].word}${awaiting}${problems}${down}`
}

export function toFlow(
  frame: Frame,
  cache: FlowCache,
  selected: string | undefined,
  collapsed: readonly string[] = [],
): { nodes: FlowNode[]; edges: EdgeEntry[]; cache: FlowCache } {
  const next = emptyCache()
  const nodes = frame.nodes.map((view) => {
    const isSelected = view.id === selected
    const group = listenerGroupOf(view)
    const listenersFolded = group !== undefined && collapsed.includes(group)
    const shown = `${isSelected}${listenersFolded}`
    const old = cache.nodes.get(view.id)
    if (old && old.view === view && old.shown === shown) {
      next.nodes.set(view.id, old)
      return old.node
    }
    // What the node shows, apart from where it is: a node an unfold only moves keeps its `data`, and
    // the node components (memoised on data and selection) skip it.
    const key = old ? nodeKey(view, shown) : undefined
    if (old && old.key === undefined) old.key = nodeKey(old.view, old.shown)
    let node: FlowNode
    if (old && old.key === key && old.node.position.x === view.x && old.node.position.y === view.y)
      node = old.node
    else if (old && old.key === key) node = { ...old.node, position: { x: view.x, y: view.y } }
    else
      node = {
        id: view.id,
        type: view.type,
        position: { x: view.x, y: view.y },
        width: view.width,
        height: view.height,
        // Sized by the layout, so never waiting for React Flow to measure it: fitView and the
        // overview count a node it has not rendered yet (see NO_HANDLES).
        measured: { width: view.width, height: view.height },
        data: group === undefined ? { view } : { view, listenersFolded },
        selected: isSelected,
        draggable: false,
        connectable: false,
        handles: NO_HANDLES,
        ariaLabel: ariaLabel(view),
      }
    next.nodes.set(view.id, key === undefined ? { view, shown, node } : { view, shown, key, node })
    return node
  })
  const byId = new Map(frame.nodes.map((n) => [n.id, n]))
  const edges: EdgeEntry[] = []
  for (const e of frame.edges) {
    const s = byId.get(e.source)
    const t = byId.get(e.target)
    if (!s || !t) continue
    const old = cache.edges.get(e.id)
    // What an edge says and where it runs depend on it and its two ends only (edgeText).
    const entry = old && old.from === e && old.s === s && old.t === t ? old : new LazyEdge(e, s, t, old?.last)
    next.edges.set(e.id, entry)
    edges.push(entry)
  }
  return { nodes, edges, cache: next }
}

function nodeKey(view: LaidOutNode, shown: string): string {
  return `${JSON.stringify({ ...view, x: 0, y: 0 })}${shown}`
}

function edgeKey(e: ViewEdge, said: EdgeText, s: Box, t: Box): string {
  return `${JSON.stringify(e)}${said.label}${said.tooltip}|${s.x},${s.y},${s.width},${s.height}|${t.x},${t.y},${t.width},${t.height}`
}

function drawnEdge(e: ViewEdge, said: EdgeText, s: Box, t: Box): DrawnEdge {
  const [from, to] = edgeEnds(said.shape, s, t)
  const width = labelWidth(said.label)
  const g = edgeGeometry(said.shape, from, to, said.labelAt, width)
  return {
    id: e.id,
    className: `react-flow__edge gm-edge role-${e.role} health-${e.health}${e.dimmed ? ' dimmed' : ''}${e.highlighted ? ' highlighted' : ''}`,
    path: g.path,
    ...(g.curve ? { curve: g.curve } : {}),
    at: g.label,
    // A bracket reaches BRACKET px left of its ends; a label may stick out of the curve's box.
    bounds: {
      left: Math.min(from.x, to.x, g.label.x - width / 2) - 32,
      top: Math.min(from.y, to.y) - EDGE_MARGIN,
      right: Math.max(from.x, to.x, g.label.x + width / 2) + 8,
      bottom: Math.max(from.y, to.y) + EDGE_MARGIN,
    },
    ...(said.label ? { label: { text: said.label, width } } : {}),
    ...(e.highlighted ? { highlighted: true as const } : {}),
    ...(said.tooltip ? { tooltip: said.tooltip } : {}),
  }
}
