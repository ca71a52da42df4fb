// Frame → React Flow nodes and edges. Unchanged nodes keep their previous object so that React
// Flow and React.memo skip them: an update to one route re-renders one node, not the graph.
import type { Edge, Node } from '@xyflow/react'
import type { ViewEdge } from '../model/view-types.ts'
import type { Frame, LaidOutNode } from '../worker/messages.ts'
import { EDGE_WORD, HEALTH_GLYPH, ROLE_LABEL } from './glyphs.ts'
import { counted } from './node-facts.ts'

export type FlowNode = Node<{ view: LaidOutNode }>

export interface FlowCache {
  nodes: Map<string, { key: string; node: FlowNode }>
  edges: Map<string, { key: string; edge: Edge }>
}

export const emptyCache = (): FlowCache => ({ nodes: new Map(), edges: new Map() })

/** Edges from a grant or policy run right to left, into the backend's right side. */
const REVERSED = new Set(['grant', 'policy'])

function edgeLabel(e: ViewEdge): string | undefined {
  const parts: string[] = []
  if (e.role === 'backend' && e.count === 1) {
    if (e.port !== undefined) parts.push(`:${e.port}`)
    if (e.percent !== undefined) parts.push(`${e.percent}%`)
  }
  const word = EDGE_WORD[e.role]
  if (word) parts.push(word)
  if (e.count > 1) parts.push(`×${e.count}`)
  return parts.length > 0 ? parts.join(' ') : undefined
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
      : `${node.role === 'Route' || node.role === 'Backend' ? kind : ROLE_LABEL[node.role]} ${full}`
  const problems = view.problems > 0 ? `, ${counted(view.problems, 'problem')}` : ''
  const down = view.listenersDown ? `, ${counted(view.listenersDown, 'listener')} cannot serve it` : ''
  const awaiting = node.detail.awaiting ? ', no controller has accepted this yet' : ''
  return `${what}, ${HEALTH_GLYPH[view.health].word}${awaiting}${problems}${down}`
}

export function toFlow(
  frame: Frame,
  cache: FlowCache,
  selected: string | undefined,
): { nodes: FlowNode[]; edges: Edge[]; cache: FlowCache } {
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
  const edges = frame.edges.map((e) => {
    const key = JSON.stringify(e)
    const old = cache.edges.get(e.id)
    const label = edgeLabel(e)
    const reversed = REVERSED.has(e.role)
    const edge: Edge =
      old && old.key === key
        ? old.edge
        : {
            id: e.id,
            source: e.source,
            target: e.target,
            sourceHandle: reversed ? 'out-l' : 'out',
            targetHandle: reversed ? 'in-r' : 'in',
            className: `gm-edge role-${e.role} health-${e.health}${e.dimmed ? ' dimmed' : ''}${e.highlighted ? ' highlighted' : ''}`,
            ...(label ? { label, labelBgPadding: [4, 2] as [number, number], labelBgBorderRadius: 3 } : {}),
            focusable: false,
            selectable: false,
          }
    next.edges.set(e.id, { key, edge })
    return edge
  })
  return { nodes, edges, cache: next }
}
