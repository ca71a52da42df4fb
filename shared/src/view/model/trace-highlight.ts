// A traced request's path lit up in the view graph, everything else dimmed, as a selection's path is
// (highlight.ts) but narrower: only the listener that takes the request, the winning route and the
// backends of the winning rule, not everything connected to them. A step folded into a group lights
// up the group.
import type { TracePath } from './trace-types.ts'
import type { ViewEdge, ViewNode } from './view-types.ts'

/** The view ids of the path's stops that are in the view (each stop by itself or its group). */
export function tracedViewIds(nodes: readonly ViewNode[], path: TracePath): Set<string> {
  const present = new Set(nodes.map((n) => n.id))
  const out = new Set<string>()
  for (const stop of path.stops) {
    const shown = stop.shownAs.find((id) => present.has(id))
    if (shown !== undefined) out.add(shown)
  }
  return out
}

/** Replaces the selection's highlighting with the trace's path; returns the view ids on it. */
export function highlightTrace(
  nodes: readonly ViewNode[],
  edges: readonly ViewEdge[],
  path: TracePath,
): string[] {
  const lit = tracedViewIds(nodes, path)
  for (const n of nodes) {
    n.highlighted = lit.has(n.id)
    n.dimmed = !n.highlighted
  }
  const backendEdges = new Set(path.backendEdges)
  // Between a route and a backend both drawn as themselves, edges are per rule; to or from a folded
  // group they are merged, and the merged edge is on the path.
  const asThemselves = new Set(path.stops.map((s) => s.id).filter((id) => lit.has(id)))
  for (const e of edges) {
    const ends = lit.has(e.source) && lit.has(e.target)
    const perRule = e.role === 'backend' && asThemselves.has(e.source) && asThemselves.has(e.target)
    // Only the winning rule's edge: the route's other rules do not take this request.
    const onPath = perRule ? ends && backendEdges.has(e.id) : ends
    e.highlighted = onPath
    e.dimmed = !onPath
  }
  return [...lit]
}
