// Frame → React Flow nodes and edges. Unchanged nodes keep their previous object so that React
// Flow and React.memo skip them: an update to one route re-renders one node, not the graph.
import type { Node } from '@xyflow/react'
import type { ViewEdge } from '../model/view-types.ts'
import type { Frame, LaidOutNode } from '../worker/messages.ts'
import type { EdgeShape } from './edge-geometry.ts'
import { backendProtocol, edgeTooltip, pathLabel } from './edge-words.ts'
import type { GraphFlowEdge } from './GraphEdge.tsx'
import { EDGE_WORD, HEALTH_GLYPH, ROLE_LABEL } from './glyphs.ts'
import { counted } from './node-facts.ts'

export type FlowNode = Node<{ view: LaidOutNode }>

export interface FlowCache {
  nodes: Map<string, { key: string; node: FlowNode }>
  edges: Map<string, { key: string; edge: GraphFlowEdge }>
}

export const emptyCache = (): FlowCache => ({ nodes: new Map(), edges: new Map() })

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
export function edgeText(e: ViewEdge, byId: ReadonlyMap<string, LaidOutNode>): EdgeText {
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
): { nodes: FlowNode[]; edges: GraphFlowEdge[]; cache: FlowCache } {
  const next = emptyCache()
  const nodes = frame.nodes.map((view) => {
    const isSelected = view.id === selected
    const key = `${JSON.stringify(view)}${isSelected}`
    const old = cache.nodes.get(view.id)
    const node: FlowNode =
      old && old.key === key
        ? old.node
        : {
            id: view.id,
            type: view.type,
            position: { x: view.x, y: view.y },
            width: view.width,
            height: view.height,
            data: { view },
            selected: isSelected,
            draggable: false,
            connectable: false,
            ariaLabel: ariaLabel(view),
          }
    next.nodes.set(view.id, { key, node })
    return node
  })
  const byId = new Map(frame.nodes.map((n) => [n.id, n]))
  const edges = frame.edges.map((e) => {
    const { shape, label, tooltip, labelAt } = edgeText(e, byId)
    const key = `${JSON.stringify(e)}${label}${tooltip}`
    const old = cache.edges.get(e.id)
    const classes = `role-${e.role} health-${e.health}${e.dimmed ? ' dimmed' : ''}${e.highlighted ? ' highlighted' : ''}`
    const edge: GraphFlowEdge =
      old && old.key === key
        ? old.edge
        : {
            id: e.id,
            type: 'gm',
            source: e.source,
            target: e.target,
            // A bracket leaves and enters on the left side: a Gateway and its ListenerSets share a column.
            sourceHandle: shape === 'forward' ? 'out' : shape === 'bracket' ? 'out-set' : 'out-l',
            targetHandle: shape === 'reversed' ? 'in-r' : 'in',
            className: `gm-edge ${classes}`,
            data: {
              shape,
              labelAt,
              ...(label ? { label } : {}),
              ...(tooltip ? { tooltip } : {}),
            },
            focusable: false,
            selectable: false,
          }
    next.edges.set(e.id, { key, edge })
    return edge
  })
  return { nodes, edges, cache: next }
}
