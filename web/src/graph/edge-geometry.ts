// The path of an edge and where its label sits, shared by the canvas (EdgeLayer.tsx) and the SVG
// export, so that both draw the same picture. Most edges run left to right, from a node's right
// side to the next column's left side; grants and policies run right to left into a backend's right
// side; a Gateway and its ListenerSets share a column, so that edge is a bracket on their left side
// (it never crosses the Gateway, nor runs through the nodes between them).
export type EdgeShape = 'forward' | 'reversed' | 'bracket'

export interface Point {
  x: number
  y: number
}

/** A node's box in flow coordinates, as the worker's layout placed it. */
export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/**
 * Where an edge leaves its source and enters its target: forward edges from the right side's middle
 * to the left side's middle, reversed ones into the target's right side, a bracket from low on the
 * Gateway's left side. Computed from the layout's boxes, not measured in the page.
 */
export function edgeEnds(shape: EdgeShape, s: Box, t: Box): [Point, Point] {
  const sy = s.y + s.height / 2
  const ty = t.y + t.height / 2
  if (shape === 'bracket')
    return [
      { x: s.x, y: s.y + s.height * BRACKET_FROM },
      { x: t.x, y: ty },
    ]
  if (shape === 'reversed')
    return [
      { x: s.x, y: sy },
      { x: t.x + t.width, y: ty },
    ]
  return [
    { x: s.x + s.width, y: sy },
    { x: t.x, y: ty },
  ]
}

/** A forward or reversed edge's curve: its source end, two control points and its target end. */
export type Cubic = readonly [Point, Point, Point, Point]

export interface EdgeGeometry {
  path: string
  label: Point
  /** The curve behind `path` (a bracket is lines and corners: none). */
  curve?: Cubic
}

/** Where on its left side (a fraction of its height) a bracket leaves the Gateway. */
export const BRACKET_FROM = 0.8

/** How far a bracket reaches into the gap left of the column. */
const BRACKET = 24
const CORNER = 8

/** React Flow's own bezier control offset, so that the canvas and the export agree. */
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance)
}

/** One coordinate of a cubic Bézier curve at t. */
export function cubic(p0: number, p1: number, p2: number, p3: number, t: number): number {
  const u = 1 - t
  return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3
}

const r = (n: number) => Math.round(n * 10) / 10

/** A cubic curve as an SVG path, to a tenth of a unit. */
export function cubicPath([p0, p1, p2, p3]: Cubic): string {
  return `M${r(p0.x)},${r(p0.y)} C${r(p1.x)},${r(p1.y)} ${r(p2.x)},${r(p2.y)} ${r(p3.x)},${r(p3.y)}`
}

/**
 * `labelAt` is the label's place along the edge, 0 at the source and 1 at the target: a rejected
 * edge's label sits near the route it rejects, so that labels of edges fanning out of one listener
 * do not pile up in the middle of the gap.
 */
export function edgeGeometry(
  shape: EdgeShape,
  s: Point,
  t: Point,
  labelAt = 0.5,
  labelWidth = 0,
): EdgeGeometry {
  if (shape === 'bracket') {
    const x = Math.min(s.x, t.x) - BRACKET
    const down = t.y >= s.y ? 1 : -1
    const corner = Math.min(CORNER, Math.abs(t.y - s.y) / 2)
    const path = [
      `M${r(s.x)},${r(s.y)}`,
      `L${r(x + corner)},${r(s.y)}`,
      `Q${r(x)},${r(s.y)} ${r(x)},${r(s.y + down * corner)}`,
      `L${r(x)},${r(t.y - down * corner)}`,
      `Q${r(x)},${r(t.y)} ${r(x + corner)},${r(t.y)}`,
      `L${r(t.x)},${r(t.y)}`,
    ].join(' ')
    return { path, label: { x, y: (s.y + t.y) / 2 } }
  }
  // forward: out of the source's right side, into the target's left; reversed: the mirror image.
  const sign = shape === 'forward' ? 1 : -1
  const offset = controlOffset(sign * (t.x - s.x))
  const c1 = { x: s.x + sign * offset, y: s.y }
  const c2 = { x: t.x - sign * offset, y: t.y }
  const curve: Cubic = [s, c1, c2, t]
  return {
    path: cubicPath(curve),
    curve,
    label: {
      x: insideGap(cubic(s.x, c1.x, c2.x, t.x, labelAt), s.x, t.x, labelWidth),
      y: cubic(s.y, c1.y, c2.y, t.y, labelAt),
    },
  }
}

/**
 * Labels are drawn under the nodes: one near an end of its edge is moved sideways until it fits
 * between the two columns (the edge still runs through it there), or centred when it cannot fit.
 */
function insideGap(x: number, a: number, b: number, width: number): number {
  const left = Math.min(a, b) + width / 2 + 4
  const right = Math.max(a, b) - width / 2 - 4
  if (left > right) return (a + b) / 2
  return Math.min(Math.max(x, left), right)
}

/** An edge label's box height, flow units (its text is 11 px). */
export const LABEL_HEIGHT = 16

/** About how wide an 11 px edge label is, for placing it before the browser has measured it. */
export function labelWidth(label: string | undefined): number {
  return label ? label.length * 6.5 + 8 : 0
}
