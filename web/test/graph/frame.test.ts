// Framing a set of nodes: no move when they are in view, all of them when they fit legibly, else
// the core (a route's listener and backends), else the first core node centred.
import { describe, expect, it } from 'vitest'
import {
  allInView,
  type Box,
  boundsOf,
  DEFAULT_FRAME_OPTIONS,
  frameNodes,
  framing,
  type Viewport,
} from '../../src/graph/frame.ts'

const box = (column: number, y: number): Box => ({ x: column * 330, y, width: 240, height: 100 })
const screen = { width: 1000, height: 700 }
const home: Viewport = { x: 0, y: 0, zoom: 1 }

describe('framing', () => {
  it('bounds every box', () => {
    expect(boundsOf([box(0, 0), box(2, 500)])).toEqual({ x: 0, y: 0, width: 900, height: 600 })
    expect(boundsOf([])).toBeUndefined()
  })

  it('does not move when every box is already on screen', () => {
    expect(framing([box(0, 0), box(1, 200)], [], home, screen)).toBeUndefined()
  })

  it('shows every box when they fit at a legible zoom', () => {
    const boxes = [box(1, 1200), box(2, 1300), box(3, 1250)]
    const next = framing(boxes, [], home, screen)
    expect(next).toBeDefined()
    expect(allInView(boxes, next!, screen)).toBe(true)
    expect(next!.zoom).toBeGreaterThanOrEqual(DEFAULT_FRAME_OPTIONS.minZoom)
    expect(next!.zoom).toBeLessThanOrEqual(DEFAULT_FRAME_OPTIONS.maxZoom)
  })

  it('keeps the core in view when the whole path would need an illegible zoom', () => {
    // Five columns and far apart vertically: too much for 1000 × 700 at zoom 0.6.
    const gatewayClass = box(0, 0)
    const listener = box(2, 3000)
    const route = box(3, 3050)
    const backend = box(4, 3100)
    const next = framing([gatewayClass, listener, route, backend], [listener, route, backend], home, screen)
    expect(next).toBeDefined()
    expect(allInView([listener, route, backend], next!, screen)).toBe(true)
    expect(allInView([gatewayClass], next!, screen)).toBe(false)
  })

  it('zooms out below the legible zoom for the core rather than leave it off screen', () => {
    const listener = box(2, 0)
    const route = box(3, 1500)
    const next = framing([box(0, 0), listener, route], [route, listener], home, screen)
    expect(next).toBeDefined()
    expect(next!.zoom).toBeLessThan(DEFAULT_FRAME_OPTIONS.minZoom)
    expect(next!.zoom).toBeGreaterThanOrEqual(DEFAULT_FRAME_OPTIONS.floorZoom)
    expect(allInView([listener, route], next!, screen)).toBe(true)
  })

  it('centres the first core box when even the core does not fit', () => {
    const a = box(0, 0)
    const b = box(9, 9000)
    const next = framing([a, b], [b, a], home, screen)
    expect(next).toBeDefined()
    expect(allInView([b], next!, screen)).toBe(true)
  })

  it('frameNodes moves the viewport only when needed and skips ids it does not draw', () => {
    const moves: Viewport[] = []
    let viewport = home
    const flow = {
      getViewport: () => viewport,
      setViewport: async (v: Viewport) => {
        moves.push(v)
        viewport = v
        return true
      },
    }
    const nodes = [
      { id: 'a', ...box(0, 0) },
      { id: 'b', ...box(2, 700) },
    ]
    expect(frameNodes(flow, nodes, ['a', 'b', 'not-drawn'], screen)).toBe(true)
    expect(moves).toHaveLength(1)
    expect(allInView(nodes, viewport, screen)).toBe(true)
    expect(frameNodes(flow, nodes, ['a', 'b'], screen)).toBe(false)
    expect(moves).toHaveLength(1)
  })
})
