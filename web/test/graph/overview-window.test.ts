import { describe, expect, it } from 'vitest'
import { overviewWindow } from '../../src/graph/overview-window.ts'

describe('overviewWindow', () => {
  it('shows a graph that fits whole, its width across the overview', () => {
    const w = overviewWindow({ width: 1600, height: 1200 }, { x: 0, y: 0, width: 800, height: 600 }, 160, 220)
    expect(w).toEqual({ scale: 0.1, top: 0, height: 120 })
  })

  it('does not blow a small graph up, and keeps a minimum height', () => {
    const w = overviewWindow({ width: 300, height: 100 }, { x: 0, y: 0, width: 800, height: 600 }, 160, 220)
    expect(w.scale).toBe(0.2)
    expect(w.height).toBe(40)
  })

  it('shows a tall graph a window at a time, centred on the view', () => {
    // 10,000 routes: five columns, tens of thousands of units tall.
    const graph = { width: 1600, height: 70_000 }
    const w = overviewWindow(graph, { x: 0, y: 30_000, width: 1600, height: 1000 }, 160, 220)
    expect(w.scale).toBe(0.1)
    expect(w.height).toBe(220)
    // 220 px at 0.1 is 2,200 units of graph, centred on the view's middle (30,500).
    expect(w.top).toBe(30_500 - 1100)
  })

  it('keeps the window inside the graph at both ends', () => {
    const graph = { width: 1600, height: 70_000 }
    expect(overviewWindow(graph, { x: 0, y: -500, width: 1600, height: 1000 }, 160, 220).top).toBe(0)
    expect(overviewWindow(graph, { x: 0, y: 69_900, width: 1600, height: 1000 }, 160, 220).top).toBe(
      70_000 - 2200,
    )
  })
})
