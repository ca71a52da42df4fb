// Bringing a set of nodes into view (a selection's path, a trace's hops): the smallest move that
// shows them all at a legible zoom. When they cannot all be shown legibly, the nodes nearest to what
// matters (the `core`: a route's own listeners and backends) are framed instead, legibly if they
// can be, else down to floorZoom; failing that the first core node is centred. Pure but for frameNodes, which moves React Flow's viewport.
import type { ReactFlowInstance } from '@xyflow/react'

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface Viewport {
  x: number
  y: number
  zoom: number
}

export interface Screen {
  width: number
  height: number
}

export interface FrameOptions {
  /** Below this zoom 12 px text is too small to read: framing prefers not to zoom out further. */
  minZoom: number
  /**
   * When even the core does not fit legibly, it is shown down to this zoom: seeing where a route's
   * listener and backends are matters more then than reading them (zooming in is one step away).
   */
  floorZoom: number
  /** Framing a few nodes never magnifies them past this. */
  maxZoom: number
  /** Screen pixels kept free around the framed nodes. */
  margin: number
}

export const DEFAULT_FRAME_OPTIONS: FrameOptions = { minZoom: 0.6, floorZoom: 0.3, maxZoom: 1, margin: 32 }

export function boundsOf(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined
  let left = Number.POSITIVE_INFINITY
  let top = Number.POSITIVE_INFINITY
  let right = Number.NEGATIVE_INFINITY
  let bottom = Number.NEGATIVE_INFINITY
  for (const b of boxes) {
    left = Math.min(left, b.x)
    top = Math.min(top, b.y)
    right = Math.max(right, b.x + b.width)
    bottom = Math.max(bottom, b.y + b.height)
  }
  return { x: left, y: top, width: right - left, height: bottom - top }
}

/** Every box lies inside the screen, `margin` pixels in, at this viewport. */
export function allInView(boxes: readonly Box[], viewport: Viewport, screen: Screen, margin = 0): boolean {
  const { x, y, zoom } = viewport
  return boxes.every(
    (b) =>
      b.x * zoom + x >= margin &&
      b.y * zoom + y >= margin &&
      (b.x + b.width) * zoom + x <= screen.width - margin &&
      (b.y + b.height) * zoom + y <= screen.height - margin,
  )
}

/** The viewport centring `bounds` at the largest zoom up to maxZoom that fits; undefined if it needs less than minZoom. */
export function fitting(bounds: Box, screen: Screen, options: FrameOptions): Viewport | undefined {
  const room = { width: screen.width - 2 * options.margin, height: screen.height - 2 * options.margin }
  if (room.width <= 0 || room.height <= 0) return undefined
  const zoom = Math.min(
    options.maxZoom,
    room.width / Math.max(bounds.width, 1),
    room.height / Math.max(bounds.height, 1),
  )
  if (zoom < options.minZoom) return undefined
  return centred(bounds, screen, zoom)
}

function centred(bounds: Box, screen: Screen, zoom: number): Viewport {
  return {
    x: screen.width / 2 - (bounds.x + bounds.width / 2) * zoom,
    y: screen.height / 2 - (bounds.y + bounds.height / 2) * zoom,
    zoom,
  }
}

/**
 * Where the viewport should go so that `boxes` are on screen, or undefined when they already are.
 * Tries all boxes, then the `core` ones; if even those need an illegible zoom, centres the first
 * core box at the current zoom (or minZoom, whichever is larger).
 */
export function framing(
  boxes: readonly Box[],
  core: readonly Box[],
  current: Viewport,
  screen: Screen,
  options: FrameOptions = DEFAULT_FRAME_OPTIONS,
): Viewport | undefined {
  if (boxes.length === 0 || allInView(boxes, current, screen)) return undefined
  const whole = boundsOf(boxes)
  const all = whole && fitting(whole, screen, options)
  if (all) return all
  const nearest = core.length > 0 ? core : boxes.slice(0, 1)
  if (allInView(nearest, current, screen)) return undefined
  const coreBounds = boundsOf(nearest)
  const some = coreBounds && fitting(coreBounds, screen, options)
  if (some) return some
  const small = coreBounds && fitting(coreBounds, screen, { ...options, minZoom: options.floorZoom })
  if (small) return small
  const first = nearest[0]
  if (!first) return undefined
  return centred(first, screen, Math.min(options.maxZoom, Math.max(current.zoom, options.minZoom)))
}

/**
 * Moves the viewport to show the nodes with these ids (see `framing`); `core` ids are kept in view
 * when not all fit. Ids not among `nodes` (not drawn: filtered out, folded) are left out. Returns
 * whether it moved.
 */
export function frameNodes(
  flow: Pick<ReactFlowInstance, 'getViewport' | 'setViewport'>,
  nodes: readonly (Box & { id: string })[],
  ids: Iterable<string>,
  screen: Screen,
  core: Iterable<string> = [],
  options: FrameOptions = DEFAULT_FRAME_OPTIONS,
): boolean {
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const pick = (wanted: Iterable<string>) =>
    [...wanted].map((id) => byId.get(id)).filter((b): b is Box & { id: string } => b !== undefined)
  const next = framing(pick(ids), pick(core), flow.getViewport(), screen, options)
  if (!next) return false
  void flow.setViewport(next, { duration: 200 })
  return true
}

/**
 * What framing a selection shows: every highlighted node (its path through the topology), with the
 * selected node and its highlighted neighbours (a route's listeners and backends) as the core.
 */
export function selectionPath(
  nodes: readonly { id: string; highlighted: boolean }[],
  edges: readonly { source: string; target: string; highlighted: boolean }[],
  selected: string,
): { ids: string[]; core: string[] } {
  const core = [selected]
  for (const e of edges) {
    if (!e.highlighted) continue
    if (e.source === selected) core.push(e.target)
    else if (e.target === selected) core.push(e.source)
  }
  return { ids: nodes.filter((n) => n.highlighted).map((n) => n.id), core }
}
