// Which stretch of the graph the overview shows, and at what scale (Overview.tsx). The graph's
// whole width always fits the overview's width; a graph taller than the overview at that scale is
// shown a window at a time, centred on the middle of the view and kept inside the graph, the way an
// editor's minimap scrolls along a long file.

export interface Size {
  width: number
  height: number
}

export interface Rect extends Size {
  x: number
  y: number
}

export interface OverviewWindow {
  /** Overview pixels per graph unit. */
  scale: number
  /** The graph's y at the overview's top edge. */
  top: number
  /** The overview's height in CSS pixels. */
  height: number
}

/** Small graphs are not blown up past this, so a handful of nodes still read as boxes. */
const MAX_SCALE = 0.2
const MIN_HEIGHT = 40

export function overviewWindow(graph: Size, view: Rect, width: number, maxHeight: number): OverviewWindow {
  const scale = Math.min(MAX_SCALE, width / Math.max(graph.width, 1))
  const whole = graph.height * scale
  if (whole <= maxHeight) return { scale, top: 0, height: Math.max(MIN_HEIGHT, Math.ceil(whole)) }
  const span = maxHeight / scale
  const centre = view.y + view.height / 2
  const top = Math.min(Math.max(0, centre - span / 2), graph.height - span)
  return { scale, top, height: maxHeight }
}
