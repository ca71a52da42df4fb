// Frame → React Flow: what a frame leaves unchanged keeps its drawn object, so React skips it. The page
// keeps unchanged view nodes' and edges' objects across frames (worker/frame-patch.ts); these tests
// give toFlow the same objects, equal copies, moved copies and changed ones, on a real example frame.

import type { Frame, LaidOutNode } from '@gatemap/shared/view/frame/messages.ts'
import { GraphPipeline } from '@gatemap/shared/view/frame/pipeline.ts'
import { EMPTY_VIEW_STATE } from '@gatemap/shared/view/model/view-types.ts'
import { describe, expect, it } from 'vitest'
import { exampleObjects, snapshotOf } from '../../../shared/test/view/examples.ts'
import { emptyCache, toFlow } from '../../src/graph/to-flow.ts'

function exampleFrame(): Frame {
  const pipeline = new GraphPipeline()
  expect(pipeline.apply(snapshotOf(exampleObjects('broken')))).toBe('ok')
  return pipeline.frame(EMPTY_VIEW_STATE)
}

/** A deep copy: equal in every field, no object shared with the frame. */
const copyOf = <T>(value: T): T => structuredClone(value)

describe('toFlow across frames', () => {
  const frame = exampleFrame()
  const first = toFlow(frame, emptyCache(), undefined)
  // The edge layer draws an edge when it is first near the view; here every edge is.
  const firstDrawn = first.edges.map((e) => e.drawn())
  const routeAt = frame.nodes.findIndex((n) => n.type === 'object' && n.node.role === 'Route')
  const route = frame.nodes[routeAt]!
  const intoRoute = frame.edges.findIndex((e) => e.target === route.id)
  const otherAt = frame.nodes.findIndex((n, i) => i !== routeAt && n.type === 'object')

  it('draws every node and every edge whose ends are drawn', () => {
    expect(first.nodes).toHaveLength(frame.nodes.length)
    expect(first.nodes.length).toBeGreaterThan(20)
    expect(first.edges.length).toBeGreaterThan(20)
    expect(routeAt).toBeGreaterThanOrEqual(0)
    expect(intoRoute).toBeGreaterThanOrEqual(0)
  })

  it('sizes every node from the layout and says it has no handles, so React Flow renders only those in view', () => {
    // Without both, React Flow renders every node it has not measured (to find its handles), in view
    // or not, and leaves it out of fitView until it has.
    first.nodes.forEach((n, i) => {
      const view = frame.nodes[i]!
      expect(n.measured).toEqual({ width: view.width, height: view.height })
      expect(n.handles).toEqual([])
    })
    const moved = toFlow(
      { ...frame, nodes: frame.nodes.map((n) => ({ ...n, y: n.y + 10 })) },
      first.cache,
      undefined,
    )
    for (const n of moved.nodes) expect(n.handles && n.measured).toBeTruthy()
  })

  it('keeps every drawn object for the same frame objects', () => {
    const again = toFlow({ ...frame }, first.cache, undefined)
    again.nodes.forEach((n, i) => {
      expect(n).toBe(first.nodes[i])
    })
    again.edges.forEach((e, i) => {
      expect(e).toBe(first.edges[i])
    })
  })

  it('keeps every drawn object for equal copies of the frame (a frame sent whole again)', () => {
    const again = toFlow(copyOf(frame), first.cache, undefined)
    expect(again.nodes.every((n, i) => n === first.nodes[i])).toBe(true)
    expect(again.edges.every((e, i) => e.drawn() === firstDrawn[i])).toBe(true)
  })

  it('draws an edge only when asked, from the last drawing of it, however many frames ago', () => {
    // Two more copies, the edges of the first never drawn: the second still finds the first drawing.
    const second = toFlow(copyOf(frame), first.cache, undefined)
    const third = toFlow(copyOf(frame), second.cache, undefined)
    expect(third.edges.every((e, i) => e !== first.edges[i] && e.drawn() === firstDrawn[i])).toBe(true)
    // What it says changed: a new drawing, and its heights come from its ends without drawing it.
    const edges = frame.edges.map((e, i) => (i === intoRoute ? { ...e, highlighted: !e.highlighted } : e))
    const fourth = toFlow({ ...frame, edges }, third.cache, undefined)
    const entry = fourth.edges.find((e) => e.id === frame.edges[intoRoute]!.id)!
    expect(entry.reach.top).toBeLessThanOrEqual(Math.min(route.y, entry.drawn().bounds.top))
    expect(entry.reach.bottom).toBeGreaterThanOrEqual(entry.drawn().bounds.bottom)
    expect(entry.drawn()).not.toBe(firstDrawn[first.edges.findIndex((e) => e.id === entry.id)])
  })

  it('moves a node that only moved, keeping what it shows; redraws only the edges at it', () => {
    const moved: LaidOutNode = { ...route, y: route.y + 500 }
    const nodes = frame.nodes.map((n, i) => (i === routeAt ? moved : n))
    const again = toFlow({ ...frame, nodes }, first.cache, undefined)
    const node = again.nodes[routeAt]!
    expect(node).not.toBe(first.nodes[routeAt])
    expect(node.position).toEqual({ x: route.x, y: route.y + 500 })
    expect(node.data).toBe(first.nodes[routeAt]!.data)
    frame.edges.forEach((e, i) => {
      const drawn = again.edges.find((d) => d.id === e.id)?.drawn()
      const before = firstDrawn[first.edges.findIndex((d) => d.id === e.id)]
      if (e.source === route.id || e.target === route.id) {
        expect(drawn).not.toBe(before)
        expect(drawn!.path).not.toBe(before!.path)
      } else expect(drawn, `edge ${i}`).toBe(before)
    })
  })

  it('redraws a node whose view changed, and its edges’ words with it', () => {
    const changed = copyOf(route)
    changed.problems += 3
    const nodes = frame.nodes.map((n, i) => (i === routeAt ? changed : n))
    const again = toFlow({ ...frame, nodes }, first.cache, undefined)
    expect(again.nodes[routeAt]).not.toBe(first.nodes[routeAt])
    expect((again.nodes[routeAt]!.data as { view: LaidOutNode }).view.problems).toBe(route.problems + 3)
    expect(again.nodes[otherAt]).toBe(first.nodes[otherAt])
  })

  it('redraws an edge whose own object changed to say something else', () => {
    const edges = frame.edges.map((e, i) => (i === intoRoute ? { ...e, dimmed: !e.dimmed } : e))
    const again = toFlow({ ...frame, edges }, first.cache, undefined)
    const drawn = again.edges.find((d) => d.id === frame.edges[intoRoute]!.id)!.drawn()
    expect(drawn.className.includes('dimmed')).toBe(!frame.edges[intoRoute]!.dimmed)
  })

  it('redraws the node selected and the one no longer selected, nothing else', () => {
    const selectedNow = toFlow(frame, first.cache, route.id)
    expect(selectedNow.nodes[routeAt]!.selected).toBe(true)
    expect(selectedNow.nodes[otherAt]).toBe(first.nodes[otherAt])
    const other = frame.nodes[otherAt]!.id
    const moved = toFlow(frame, selectedNow.cache, other)
    expect(moved.nodes[routeAt]!.selected).toBe(false)
    expect(moved.nodes[otherAt]!.selected).toBe(true)
    const unchanged = moved.nodes.filter((n, i) => i !== routeAt && i !== otherAt)
    expect(unchanged.every((n) => n === first.nodes[frame.nodes.findIndex((v) => v.id === n.id)])).toBe(true)
  })
})
