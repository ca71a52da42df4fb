// The selection's path in the view graph (after grouping), so that a selected group lights up the
// paths of everything it stands for.
import { buildAdjacency, markPaths } from './graph-index.ts'
import type { ViewEdge, ViewNode } from './view-types.ts'

/** Marks the path of the selected view node; with no (visible) selection nothing is marked or dimmed. */
export function highlight(nodes: readonly ViewNode[], edges: readonly ViewEdge[], selected?: string): void {
  if (selected === undefined) return
  const position = new Map(nodes.map((n, i) => [n.id, i]))
  const at = position.get(selected)
  if (at === undefined) return
  const marks = markPaths(buildAdjacency(position, edges), [at])
  nodes.forEach((n, i) => {
    n.highlighted = marks[i] === 1
    n.dimmed = !n.highlighted
  })
  for (const e of edges) {
    const s = position.get(e.source)
    const t = position.get(e.target)
    e.highlighted = s !== undefined && t !== undefined && marks[s] === 1 && marks[t] === 1
    e.dimmed = !e.highlighted
  }
}
