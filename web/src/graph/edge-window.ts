// The edges the edge layer draws for a window of the graph, and for a long edge only the part of its
// curve inside the window. Chromium's rasteriser (Skia) dashes a curve along its whole length before
// clipping it to the screen: at 10,000 routes the first view crosses edges tens of thousands of flow
// units long, and dashing them took seconds of raster per frame (docs/benchmarks.md, "Sixth pass").
import { type Cubic, cubicPath, LABEL_HEIGHT, type Point } from './edge-geometry.ts'
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

/**
 * The t at which t²(3 − 2t), rising from 0 to 1, reaches `share` (clamped to the curve's ends): the
 * inverse of that cubic in closed form (it was a 40-step bisection, twice per cut edge).
 */
export function tAtHeight(share: number): number {
  if (share <= 0) return 0
  if (share >= 1) return 1
  return 0.5 - Math.sin(Math.asin(1 - 2 * share) / 3)
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

/** Gauss-Legendre nodes and weights on [-1, 1], 8 points: exact for polynomials up to degree 15. */
const GAUSS_X = [
  -0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498, 0.1834346424956498,
  0.525532409916329, 0.7966664774136267, 0.9602898564975363,
]
const GAUSS_W = [
  0.1012285362903763, 0.2223810344533745, 0.3137066238593142, 0.362683783378362, 0.362683783378362,
  0.3137066238593142, 0.2223810344533745, 0.1012285362903763,
]
/**
 * Where the quadrature's panels meet. An edge's speed changes fastest near its ends, where the
 * control points' level pull gives way to the climb (for a long edge within a few thousandths of t),
 * so the panels are narrow there and wide along the middle.
 */
const PANELS = [0, 1 / 256, 1 / 32, 1 / 4, 3 / 4, 31 / 32, 255 / 256, 1]

/**
 * The curve's length from its start to t: the integral of its speed, by Gauss-Legendre over the
 * panels. It replaced a sum of up to 256 chords per cut edge (the first view of 1,000 routes cuts
 * hundreds of edges, and does again whenever the view moves to other tiles).
 */
export function lengthUpTo(c: Cubic, t: number): number {
  // The derivative is 3·[(1−u)²·d0 + 2u(1−u)·d1 + u²·d2], with d the differences of the points.
  const d0x = c[1].x - c[0].x
  const d0y = c[1].y - c[0].y
  const d1x = c[2].x - c[1].x
  const d1y = c[2].y - c[1].y
  const d2x = c[3].x - c[2].x
  const d2y = c[3].y - c[2].y
  let length = 0
  for (let p = 0; p + 1 < PANELS.length && PANELS[p]! < t; p++) {
    const from = PANELS[p]!
    const to = Math.min(PANELS[p + 1]!, t)
    const half = (to - from) / 2
    const mid = (to + from) / 2
    let sum = 0
    for (let i = 0; i < GAUSS_X.length; i++) {
      const u = mid + half * GAUSS_X[i]!
      const v = 1 - u
      const a = v * v
      const b = 2 * u * v
      const e = u * u
      sum += GAUSS_W[i]! * Math.hypot(a * d0x + b * d1x + e * d2x, a * d0y + b * d1y + e * d2y)
    }
    length += 3 * half * sum
  }
  return length
}
