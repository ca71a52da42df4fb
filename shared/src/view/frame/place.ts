// Gives every visible node its size and hands the view to the column layout. Sizes are fixed per
// role so that the layout, not the DOM, decides positions (the DOM is measured by nobody).
import type { NodeRole } from '../../index.ts'
import { type LayoutMemory, layoutColumns } from '../layout/columns.ts'
import { naturalKey } from '../model/natural.ts'
import type { GraphView, ViewNode } from '../model/view-types.ts'
import type { LaidOutNode } from './messages.ts'

export const NODE_WIDTH = 240

// Room for every line a node of the role can have (head, a name on up to two lines, facts, flags) so that nothing is
// cut at the node's bottom; the Gateway's last line is left to its fold button.
const HEIGHT: Record<NodeRole, number> = {
  GatewayClass: 92,
  Gateway: 124,
  ListenerSet: 92,
  Listener: 108,
  ServiceParent: 76,
  Route: 116,
  Backend: 92,
  ReferenceGrant: 76,
  Policy: 116,
}
const GROUP_HEIGHT = 84

/** A flag line that wraps: "no controller has accepted this yet" beside another flag, under a long name. */
const AWAITING_EXTRA = 16

export function nodeHeight(node: ViewNode): number {
  if (node.type === 'group') return GROUP_HEIGHT
  return HEIGHT[node.node.role] + (node.node.detail.awaiting ? AWAITING_EXTRA : 0)
}

function sortKey(node: ViewNode): string {
  if (node.type === 'group') return naturalKey(node.group.label)
  const { namespace, name } = node.node.object
  return naturalKey(`${namespace ?? ''}/${name}/${node.node.label}`)
}

function band(node: ViewNode): string | undefined {
  if (node.type === 'group') return undefined
  return node.group ?? node.node.object.namespace
}

export function layoutView(
  view: GraphView,
  previous: LayoutMemory | undefined,
): { nodes: LaidOutNode[]; memory: LayoutMemory; width: number; height: number } {
  const result = layoutColumns(
    view.nodes.map((n) => {
      const b = band(n)
      return {
        id: n.id,
        column: n.column,
        height: nodeHeight(n),
        sortKey: sortKey(n),
        ...(b ? { band: b } : {}),
      }
    }),
    view.edges.map((e) => ({ source: e.source, target: e.target })),
    { columnWidth: NODE_WIDTH + 90, rowGap: 14 },
    previous,
  )
  const nodes = view.nodes.map((n): LaidOutNode => {
    const p = result.positions.get(n.id) ?? { x: n.column * (NODE_WIDTH + 90), y: 0 }
    return { ...n, x: p.x, y: p.y, width: NODE_WIDTH, height: nodeHeight(n) }
  })
  return { nodes, memory: result.memory, width: result.width, height: result.height }
}
