// Moving between nodes with the arrow keys: up and down stay in the column, left and right go to
// the nearest node of the neighbouring column that is connected, else the nearest by height.

import type { LaidOutNode } from '@gatemap/shared/view/frame/messages.ts'
import type { ViewEdge } from '@gatemap/shared/view/model/view-types.ts'

export type Direction = 'up' | 'down' | 'left' | 'right'

const centre = (n: LaidOutNode) => n.y + n.height / 2

export function neighbour(
  nodes: readonly LaidOutNode[],
  edges: readonly ViewEdge[],
  fromId: string,
  direction: Direction,
): string | undefined {
  const from = nodes.find((n) => n.id === fromId)
  if (!from) return nodes[0]?.id
  if (direction === 'up' || direction === 'down') {
    const column = nodes.filter((n) => n.column === from.column).sort((a, b) => a.y - b.y)
    const at = column.indexOf(from)
    return column[direction === 'up' ? at - 1 : at + 1]?.id
  }
  const step = direction === 'left' ? -1 : 1
  const columns = [...new Set(nodes.map((n) => n.column))].sort((a, b) => a - b)
  const next = columns[columns.indexOf(from.column) + step]
  if (next === undefined) return undefined
  const candidates = nodes.filter((n) => n.column === next)
  const linked = new Set<string>()
  for (const e of edges) {
    if (e.source === from.id) linked.add(e.target)
    if (e.target === from.id) linked.add(e.source)
  }
  const pool = candidates.some((n) => linked.has(n.id))
    ? candidates.filter((n) => linked.has(n.id))
    : candidates
  let best: LaidOutNode | undefined
  for (const n of pool) {
    if (!best || Math.abs(centre(n) - centre(from)) < Math.abs(centre(best) - centre(from))) best = n
  }
  return best?.id
}
