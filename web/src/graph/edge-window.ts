// The edges the edge layer draws for a window of the graph, and for a long edge only the part of its
// curve inside the window. Chromium's rasteriser (Skia) dashes a curve along its whole length before
// clipping it to the screen: at 10,000 routes the first view crosses edges tens of thousands of flow
// units long, and dashing them took seconds of raster per frame (docs/benchmarks.md, "Sixth pass").
import { type Cubic, cubic, cubicPath, LABEL_HEIGHT, type Point } from './edge-geometry.ts'
import { LabelRoom } from './label-room.ts'
import type { DrawnEdge, EdgeEntry } from './to-flow.ts'

export interface EdgeWindow {
  left: number
  top: number
  right: number
  bottom: number
}

export interface ShownEdge {
  edge: DrawnEdge
  /** The path to draw: the edge's own, or the part of its curve inside the window. */
  path: string
  /** How far along the edge that part starts, so that its dashes fall where the whole edge's would. */
  dashOffset?: number
  /**
   * Whether its label is drawn: not when it sits outside the window (a long edge's, near its far end),
   * overlaps one drawn before it, or labels are not drawn at all (far out).
   */
  labelled: boolean
}

/**
 * Edges whose box meets the window; those reaching far above or below it cut to the window, and
 * labels outside it left out (at 10,000 routes thousands of long edges cross the first view, each
 * with a label near its far end: elements to style and lay out that nobody can see), as are labels
 * that would overlap one drawn before them: those of the highlighted path first, then in the
 * frame's order (label-room.ts). Overlaps are local, so for the labels on screen, with the window's
 * margin around them, the choice does not change as the view pans. With `labels` false (far out) no
 * label is drawn, and none is placed.
 */
export function edgesInWindow(edges: readonly EdgeEntry[], w: EdgeWindow, labels = true): ShownEdge[] {
  const out: ShownEdge[] = []
  for (const entry of edges) {
    // Heights first, from the ends' boxes: an edge far above or below the view is never drawn.
    if (entry.reach.bottom < w.top || entry.reach.top > w.bottom) continue
    const edge = entry.drawn()
    const b = edge.bounds
    if (b.right < w.left || b.left > w.right || b.bottom < w.top || b.top > w.bottom) continue
    const part = edge.curve && (b.top < w.top || b.bottom > w.bottom) ? cutTo(edge, edge.curve, w) : undefined
    const { at, label } = edge
    const labelled =
      labels &&
      label !== undefined &&
      at.y >= w.top &&
      at.y <= w.bottom &&
      at.x + label.width / 2 >= w.left &&
      at.x - label.width / 2 <= w.right
    out.push(part ? { edge, ...part, labelled } : { edge, path: edge.path, labelled })
  }
  const room = new LabelRoom()
  const place = (shown: ShownEdge) => {
    const { at, label } = shown.edge
    const half = (label?.width ?? 0) / 2
    shown.labelled = room.place({
      left: at.x - half,
      right: at.x + half,
      top: at.y - LABEL_HEIGHT / 2,
      bottom: at.y + LABEL_HEIGHT / 2,
    })
  }
  for (const shown of out) if (shown.labelled && shown.edge.highlighted) place(shown)
  for (const shown of out) if (shown.labelled && !shown.edge.highlighted) place(shown)
  return out
}

type Part = ReturnType<typeof cubicBetween>

/**
 * The last cut of each edge, by the window's heights: a frame after a change keeps its unchanged
 * edges' objects (to-flow.ts), so the edges crossing the view are not cut again for every update.
 */
const cuts = new WeakMap<DrawnEdge, { top: number; bottom: number; part: Part }>()

function cutTo(edge: DrawnEdge, curve: Cubic, w: EdgeWindow): Part {
  const kept = cuts.get(edge)
  if (kept && kept.top === w.top && kept.bottom === w.bottom) return kept.part
  const part = cubicBetween(curve, w.top, w.bottom)
  cuts.set(edge, { top: w.top, bottom: w.bottom, part })
  return part
}

/**
 * The part of an edge's curve between two heights, as a path of its own, and the length of the curve
 * before it; undefined when the whole curve lies between them. An edge's control points sit level
 * with its ends (edge-geometry.ts), so its height along the curve is y0 + (y3 − y0)·t²(3 − 2t), which
 * only ever grows or only ever falls: each height is met at one t.
 */
export function cubicBetween(
  curve: Cubic,
  top: number,
  bottom: number,
): { path: string; dashOffset: number } | undefined {
  const y0 = curve[0].y
  const y3 = curve[3].y
  if (y0 === y3) return undefined
  const a = tAtHeight((top - y0) / (y3 - y0))
  const b = tAtHeight((bottom - y0) / (y3 - y0))
  const from = Math.min(a, b)
  const to = Math.max(a, b)
  if (from <= 0 && to >= 1) return undefined
  if (to - from < 1e-9) return { path: '', dashOffset: 0 }
  return {
    path: cubicPath(subCurve(curve, from, to)),
    dashOffset: from > 0 ? lengthUpTo(curve, from) : 0,
  }
}

/** The t at which t²(3 − 2t), rising from 0 to 1, reaches `share` (clamped to the curve's ends). */
function tAtHeight(share: number): number {
  if (share <= 0) return 0
  if (share >= 1) return 1
  let lo = 0
  let hi = 1
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2
    if (mid * mid * (3 - 2 * mid) < share) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

const lerp = (p: Point, q: Point, t: number): Point => ({
  x: p.x + (q.x - p.x) * t,
  y: p.y + (q.y - p.y) * t,
})

/** de Casteljau: the curve's two halves at t. */
function split(c: Cubic, t: number): [Cubic, Cubic] {
  const [p0, p1, p2, p3] = c
  const a = lerp(p0, p1, t)
  const b = lerp(p1, p2, t)
  const d = lerp(p2, p3, t)
  const e = lerp(a, b, t)
  const f = lerp(b, d, t)
  const g = lerp(e, f, t)
  return [
    [p0, a, e, g],
    [g, f, d, p3],
  ]
}

function subCurve(c: Cubic, from: number, to: number): Cubic {
  const before = to < 1 ? split(c, to)[0] : c
  return from > 0 ? split(before, from / to)[1] : before
}

function pointAt(c: Cubic, t: number): Point {
  return { x: cubic(c[0].x, c[1].x, c[2].x, c[3].x, t), y: cubic(c[0].y, c[1].y, c[2].y, c[3].y, t) }
}

/**
 * The curve's length from its start to t, summed over chords (at most 256: an edge's curve bends only
 * near its ends, so longer chords along its middle lose a fraction of a unit).
 */
function lengthUpTo(c: Cubic, t: number): number {
  const start = c[0]
  const end = pointAt(c, t)
  const steps = Math.min(256, Math.max(16, Math.ceil(Math.hypot(end.x - start.x, end.y - start.y) / 8)))
  let length = 0
  let prev = start
  for (let i = 1; i <= steps; i++) {
    const p = pointAt(c, (t * i) / steps)
    length += Math.hypot(p.x - prev.x, p.y - prev.y)
    prev = p
  }
  return length
}
