import { describe, expect, it } from 'vitest'
import { FIRST_ZOOM, firstViewport } from '../../src/graph/first-view.ts'

const box = (x: number, y: number, role = 'Route', problems = 0) => ({
  type: 'object',
  node: { role },
  x,
  y,
  width: 200,
  height: 60,
  problems,
})

describe('firstViewport', () => {
  const view = { width: 1440, height: 900 }

  it('fits a graph that is readable whole, centred, never above life size', () => {
    const nodes = [box(0, 0, 'Gateway'), box(400, 100), box(800, 300)]
    const v = firstViewport(nodes, { width: 1000, height: 360 }, view)
    expect(v.zoom).toBe(1)
    // The bounds (0,0)-(1000,360) centred in the view.
    expect(v.x).toBeCloseTo((1440 - 1000) / 2, 6)
    expect(v.y).toBeCloseTo((900 - 360) / 2, 6)
  })

  it('shrinks a graph a little larger than the view to fit, with a margin', () => {
    const nodes = [box(0, 0, 'Gateway'), box(1400, 800)]
    const v = firstViewport(nodes, { width: 1600, height: 860 }, view)
    expect(v.zoom).toBeLessThan(1)
    expect(v.zoom).toBeGreaterThanOrEqual(0.8)
    // Every node inside the view, with room to spare on both sides.
    expect(v.x).toBeGreaterThan(0)
    expect(v.x + 1600 * v.zoom).toBeLessThan(1440)
    expect(v.y).toBeGreaterThan(0)
    expect(v.y + 860 * v.zoom).toBeLessThan(900)
  })

  it('starts a graph too big to read whole at its first Gateway with a problem, legible', () => {
    const nodes = [box(0, 500, 'Gateway'), box(0, 9_000, 'Gateway', 2), box(400, 20_000)]
    const v = firstViewport(nodes, { width: 1600, height: 40_000 }, view)
    expect(v).toEqual({ x: 24, y: 24 - 9_000 * FIRST_ZOOM, zoom: FIRST_ZOOM })
  })

  it('takes the first Gateway when none has a problem, and the top when there is no Gateway', () => {
    const big = { width: 1600, height: 40_000 }
    expect(firstViewport([box(0, 700, 'Gateway'), box(0, 900, 'Gateway')], big, view).y).toBe(
      24 - 700 * FIRST_ZOOM,
    )
    expect(firstViewport([box(0, 700)], big, view)).toEqual({ x: 24, y: 24, zoom: FIRST_ZOOM })
  })
})
