// A long edge is drawn only where it crosses the window around the view: the part drawn lies on the
// edge's own curve, ends at the window's edges, and its dashes start where the whole edge's would.
import { describe, expect, it } from 'vitest'
import { type Cubic, cubic, edgeGeometry } from '../../src/graph/edge-geometry.ts'
import { cubicBetween, edgesInWindow, lengthUpTo, tAtHeight } from '../../src/graph/edge-window.ts'
import { LabelRoom } from '../../src/graph/label-room.ts'
import type { DrawnEdge, EdgeEntry } from '../../src/graph/to-flow.ts'

const curveOf = (
  from: { x: number; y: number },
  to: { x: number; y: number },
  shape: 'forward' | 'reversed' = 'forward',
) => edgeGeometry(shape, from, to).curve as Cubic

/** The numbers of an `M x,y C x,y x,y x,y` path. */
const points = (path: string) => {
  const n = path.match(/-?[\d.]+/g)!.map(Number)
  return [0, 2, 4, 6].map((i) => ({ x: n[i]!, y: n[i + 1]! }))
}

/** The t at which the curve (its height only ever rising or only ever falling) is at height y. */
function tAt(c: Cubic, y: number): number {
  const rising = c[3].y > c[0].y
  let lo = 0
  let hi = 1
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2
    if (cubic(c[0].y, c[1].y, c[2].y, c[3].y, mid) < y === rising) lo = mid
    else hi = mid
  }
  return lo
}

/** How far p lies beside the curve, at p's own height. */
const offCurve = (c: Cubic, p: { x: number; y: number }) =>
  Math.abs(cubic(c[0].x, c[1].x, c[2].x, c[3].x, tAt(c, p.y)) - p.x)

function lengthBetween(c: Cubic, from: number, to: number): number {
  let length = 0
  let prev: { x: number; y: number } | undefined
  for (let i = 0; i <= 100_000; i++) {
    const t = from + ((to - from) * i) / 100_000
    const p = { x: cubic(c[0].x, c[1].x, c[2].x, c[3].x, t), y: cubic(c[0].y, c[1].y, c[2].y, c[3].y, t) }
    if (prev) length += Math.hypot(p.x - prev.x, p.y - prev.y)
    prev = p
  }
  return length
}

const longCurve = () => curveOf({ x: 300, y: 100 }, { x: 700, y: 50_100 })

describe('cubicBetween', () => {
  const long = curveOf({ x: 300, y: 100 }, { x: 700, y: 50_100 })

  it('cuts a long downward edge to the heights given, on its own curve', () => {
    const part = cubicBetween(long, 20_000, 21_200)!
    const [start, c1, c2, end] = points(part.path)
    expect(start!.y).toBeCloseTo(20_000, 0)
    expect(end!.y).toBeCloseTo(21_200, 0)
    for (const p of [start!, end!]) expect(offCurve(long, p)).toBeLessThan(0.2)
    // The control points keep the part between its ends (no overshoot drawn).
    for (const c of [c1!, c2!]) expect(c.y).toBeGreaterThanOrEqual(19_999)
    // Its dashes continue the whole edge's: it starts that far along the curve.
    expect(Math.abs(part.dashOffset - lengthBetween(long, 0, tAt(long, 20_000)))).toBeLessThan(2)
  })

  it('cuts an upward (reversed) edge the same way', () => {
    const up = curveOf({ x: 900, y: 40_000 }, { x: 400, y: 200 }, 'reversed')
    const part = cubicBetween(up, 10_000, 10_800)!
    const [start, , , end] = points(part.path)
    expect(start!.y).toBeCloseTo(10_800, 0)
    expect(end!.y).toBeCloseTo(10_000, 0)
    expect(offCurve(up, start!)).toBeLessThan(0.2)
  })

  it('keeps the end that lies inside the window', () => {
    const part = cubicBetween(long, 0, 5_000)!
    const [start, , , end] = points(part.path)
    expect(start).toEqual({ x: 300, y: 100 })
    expect(end!.y).toBeCloseTo(5_000, 0)
    expect(part.dashOffset).toBe(0)
  })

  it('leaves a curve alone when it lies within the heights, and a level one always', () => {
    expect(cubicBetween(long, 0, 60_000)).toBeUndefined()
    expect(cubicBetween(curveOf({ x: 0, y: 500 }, { x: 400, y: 500 }), 600, 700)).toBeUndefined()
  })
})

describe('the arithmetic of a cut', () => {
  it('finds the t of a height in closed form: the inverse of t²(3 − 2t)', () => {
    for (let share = 0.001; share < 1; share += 0.0137) {
      const t = tAtHeight(share)
      expect(t * t * (3 - 2 * t)).toBeCloseTo(share, 12)
    }
    expect([tAtHeight(-1), tAtHeight(0), tAtHeight(0.5), tAtHeight(1), tAtHeight(2)]).toEqual([
      0, 0, 0.5, 1, 1,
    ])
  })

  // Long and short, falling and rising, narrow and wide; t near the ends, where the speed changes fastest.
  const curves: [string, Cubic][] = [
    ['a long downward edge', longCurve()],
    ['a long upward one', curveOf({ x: 900, y: 40_000 }, { x: 400, y: 200 }, 'reversed')],
    ['a nearly level one', curveOf({ x: 0, y: 0 }, { x: 400, y: 30 })],
    ['a short steep one', curveOf({ x: 0, y: 0 }, { x: 200, y: 3_000 })],
    ['a rising forward one', curveOf({ x: 0, y: 0 }, { x: 600, y: -800 })],
    ['a very long one', curveOf({ x: 0, y: 0 }, { x: 300, y: 200_000 })],
  ]
  for (const [name, curve] of curves) {
    it(`measures the length of ${name} to within a hundredth of a unit`, () => {
      for (const t of [0.0005, 0.003, 0.04, 0.3, 0.5, 0.8, 0.99, 0.9995, 1]) {
        expect(Math.abs(lengthUpTo(curve, t) - lengthBetween(curve, 0, t))).toBeLessThan(0.01)
      }
    })
  }
})

describe('edgesInWindow', () => {
  const edge = (id: string, from: { x: number; y: number }, to: { x: number; y: number }): DrawnEdge => {
    const g = edgeGeometry('forward', from, to)
    return {
      id,
      className: 'react-flow__edge',
      path: g.path,
      ...(g.curve ? { curve: g.curve } : {}),
      at: g.label,
      bounds: {
        left: Math.min(from.x, to.x) - 32,
        top: Math.min(from.y, to.y) - 16,
        right: Math.max(from.x, to.x) + 8,
        bottom: Math.max(from.y, to.y) + 16,
      },
    }
  }
  const window = { left: 0, top: 0, right: 2_000, bottom: 1_600 }
  /** As toFlow hands them over: heights known, the drawing built when asked; `asked` counts that. */
  let asked: string[] = []
  const entry = (d: DrawnEdge): EdgeEntry => ({
    id: d.id,
    reach: { top: d.bounds.top, bottom: d.bounds.bottom },
    drawn: () => {
      asked.push(d.id)
      return d
    },
  })
  const inWindow = (edges: DrawnEdge[]) => edgesInWindow(edges.map(entry), window)

  it('draws edges inside the window whole, cuts long ones, and leaves out those outside', () => {
    const short = edge('short', { x: 300, y: 100 }, { x: 700, y: 900 })
    const long = edge('long', { x: 300, y: 100 }, { x: 700, y: 40_000 })
    const far = edge('far', { x: 300, y: 20_000 }, { x: 700, y: 21_000 })
    asked = []
    const shown = inWindow([short, long, far])
    expect(shown.map((s) => s.edge.id)).toEqual(['short', 'long'])
    // The one far below the window is never drawn.
    expect(asked).toEqual(['short', 'long'])
    expect(shown[0]!.path).toBe(short.path)
    expect(shown[0]!.dashOffset).toBeUndefined()
    const [, , , end] = points(shown[1]!.path)
    expect(end!.y).toBeCloseTo(1_600, 0)
  })

  it('draws a label only where it is inside the window', () => {
    const labelled = (e: DrawnEdge, at: { x: number; y: number }): DrawnEdge => ({
      ...e,
      at,
      label: { text: '✕ rejected', width: 73 },
    })
    const near = labelled(edge('near', { x: 300, y: 100 }, { x: 700, y: 900 }), { x: 600, y: 700 })
    const farEnd = labelled(edge('far-end', { x: 300, y: 100 }, { x: 700, y: 40_000 }), { x: 620, y: 32_000 })
    const edgeOfWindow = labelled(edge('edge-of-window', { x: 1_900, y: 100 }, { x: 2_400, y: 900 }), {
      x: 2_030,
      y: 500,
    })
    const unlabelled = edge('plain', { x: 300, y: 100 }, { x: 700, y: 900 })
    // Far out, no label at all.
    expect(edgesInWindow([near, edgeOfWindow].map(entry), window, false).map((s) => s.labelled)).toEqual([
      false,
      false,
    ])
    const shown = inWindow([near, farEnd, edgeOfWindow, unlabelled])
    expect(shown.map((s) => [s.edge.id, s.labelled])).toEqual([
      ['near', true],
      ['far-end', false],
      // Half of it (36.5 wide) reaches back into the window.
      ['edge-of-window', true],
      ['plain', false],
    ])
  })

  it('leaves out a label that would overlap one drawn before it, the highlighted path’s first', () => {
    const labelled = (e: DrawnEdge, at: { x: number; y: number }, highlighted = false): DrawnEdge => ({
      ...e,
      at,
      label: { text: '✕ rejected', width: 73 },
      ...(highlighted ? { highlighted: true as const } : {}),
    })
    const first = labelled(edge('first', { x: 300, y: 100 }, { x: 700, y: 900 }), { x: 600, y: 700 })
    // 10 units lower: the 16-unit boxes overlap.
    const under = labelled(edge('under', { x: 300, y: 120 }, { x: 700, y: 920 }), { x: 605, y: 710 })
    // 40 units lower: clear of both (with the 2-unit gap).
    const clear = labelled(edge('clear', { x: 300, y: 140 }, { x: 700, y: 940 }), { x: 600, y: 740 })
    expect(inWindow([first, under, clear]).map((s) => [s.edge.id, s.labelled])).toEqual([
      ['first', true],
      ['under', false],
      ['clear', true],
    ])
    // Highlighted, the one below wins its place although it comes later.
    const lit = labelled(edge('under', { x: 300, y: 120 }, { x: 700, y: 920 }), { x: 605, y: 710 }, true)
    expect(inWindow([first, lit, clear]).map((s) => [s.edge.id, s.labelled])).toEqual([
      ['first', false],
      ['under', true],
      ['clear', true],
    ])
  })
})

describe('LabelRoom', () => {
  const box = (left: number, top: number, width = 60) => ({
    left,
    top,
    right: left + width,
    bottom: top + 16,
  })

  it('places boxes that keep apart, across the grid’s cells and below zero', () => {
    const room = new LabelRoom()
    expect(room.place(box(120, 20))).toBe(true)
    // Overlapping it from the next cell to the right and the one below.
    expect(room.place(box(170, 30))).toBe(false)
    // Touching but for the gap, then clear of it.
    expect(room.place(box(181, 20))).toBe(false)
    expect(room.place(box(183, 20))).toBe(true)
    expect(room.place(box(-40, -30))).toBe(true)
    expect(room.place(box(-20, -20))).toBe(false)
    // A wide label over several cells meets one placed in its middle.
    expect(room.place(box(400, 200, 30))).toBe(true)
    expect(room.place(box(300, 205, 300))).toBe(false)
  })
})
