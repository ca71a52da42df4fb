// Where the view starts when the first frame arrives, computed from the frame's own boxes: the canvas
// sets it before the frame's nodes are handed to React Flow, so the first render draws what the
// first view shows. (Fitting after that render, as React Flow's fitView does from the nodes it holds,
// drew the graph's top-left corner at zoom 1 first: nodes, edges and cut curves built and thrown
// away, 40-60 ms of the page's first load at 1,000 routes.)
import { getViewportForBounds, type Viewport } from '@xyflow/react'
import { boundsOf } from './frame.ts'

/** Below this zoom 12 px text is under 10 px on screen: the first view does not fit the graph then. */
export const MIN_FIT_ZOOM = 0.8
/** The zoom of that start: legible, a little smaller than life. */
export const FIRST_ZOOM = 0.9
/** The margin of a fitted graph, a share of the view (React Flow's fitView padding). */
const FIT_PADDING = 0.08

interface Placed {
  x: number
  y: number
  width: number
  height: number
  type: string
  node?: { role: string }
  problems: number
}

/**
 * The whole graph when it is readable at that size, else its left edge at the first Gateway with a
 * problem (or the first Gateway), at FIRST_ZOOM.
 */
export function firstViewport(
  nodes: readonly Placed[],
  graph: { width: number; height: number },
  view: { width: number; height: number },
): Viewport {
  const fitZoom = Math.min(view.width / (graph.width + 48), view.height / (graph.height + 48))
  const bounds = fitZoom >= MIN_FIT_ZOOM ? boundsOf(nodes) : undefined
  if (bounds) return getViewportForBounds(bounds, view.width, view.height, 0.05, 1, FIT_PADDING)
  const gateways = nodes.filter((n) => n.type === 'object' && n.node?.role === 'Gateway')
  const first = gateways.find((n) => n.problems > 0) ?? gateways[0]
  return { x: 24, y: 24 - (first ? first.y * FIRST_ZOOM : 0), zoom: FIRST_ZOOM }
}
