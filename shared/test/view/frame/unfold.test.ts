// Folding and unfolding reuse what the pipeline derived from the objects (topology indexes, problem
// counts, the problems panel's rows): the frames must be the ones a fresh pipeline would draw for
// the same view, positions aside (the layout keeps earlier positions on purpose).

import { describe, expect, it } from 'vitest'
import { COLUMN } from '../../../src/index.ts'
import type { Frame } from '../../../src/view/frame/messages.ts'
import { GraphPipeline } from '../../../src/view/frame/pipeline.ts'
import { EMPTY_VIEW_STATE, type ViewState } from '../../../src/view/model/view-types.ts'
import { exampleObjects, snapshotOf } from '../examples.ts'

function loaded(): GraphPipeline {
  const pipeline = new GraphPipeline()
  expect(pipeline.apply(snapshotOf(exampleObjects('broken')))).toBe('ok')
  return pipeline
}

/** A frame without what may differ between a reused and a fresh pipeline: positions and timings. */
function drawn(frame: Frame) {
  const { timings: _timings, width: _width, height: _height, nodes, ...rest } = frame
  return { ...rest, nodes: nodes.map(({ x: _x, y: _y, ...node }) => node) }
}

describe('GraphPipeline, folding and unfolding', () => {
  it('draws each view as a fresh pipeline would, with groups closed, opened and closed again', () => {
    const pipeline = loaded()
    const first = pipeline.frame(EMPTY_VIEW_STATE)
    const namespaces = [...new Set(first.nodes.flatMap((n) => (n.type === 'object' ? [n.node] : [])))]
      .filter((n) => n.role === 'Route' && n.object.namespace)
      .map((n) => `ns:${n.object.namespace}:${n.column}`)
    const groups = [...new Set(namespaces)]
    expect(groups.length).toBeGreaterThan(1)
    const views: ViewState[] = [
      { ...EMPTY_VIEW_STATE, collapsed: groups },
      { ...EMPTY_VIEW_STATE, collapsed: groups.slice(1) },
      { ...EMPTY_VIEW_STATE, collapsed: groups, selected: 'Route:HTTPRoute/broken-other/wrong-namespace' },
      EMPTY_VIEW_STATE,
      { ...EMPTY_VIEW_STATE, collapsed: groups },
    ]
    for (const view of views) {
      const reused = pipeline.frame(view)
      const fresh = loaded().frame(view)
      expect(drawn(reused)).toEqual(drawn(fresh))
    }
    // The comparison covers folded groups, edges merged into them and the problems panel.
    const folded = pipeline.frame(views[0]!)
    expect(folded.nodes.filter((n) => n.type === 'group').length).toBe(groups.length)
    expect(folded.edges.some((e) => e.count > 1)).toBe(true)
    expect(folded.problems.length).toBeGreaterThan(10)
  })

  it('draws what a fresh pipeline draws after a change of objects, folded as before', () => {
    const pipeline = loaded()
    const gone = exampleObjects('broken').find(
      (o) => o.kind === 'HTTPRoute' && o.metadata.name === 'wrong-namespace',
    )!
    const groups = [`ns:${gone.metadata.namespace}:${COLUMN.Route}`]
    const view: ViewState = { ...EMPTY_VIEW_STATE, collapsed: groups }
    const before = pipeline.frame(view)
    expect(before.nodes.some((n) => n.id === groups[0])).toBe(true)
    expect(pipeline.apply({ type: 'delta', seq: 2, op: 'deleted', object: gone })).toBe('ok')
    const after = pipeline.frame(view)
    const fresh = new GraphPipeline()
    const rest = exampleObjects('broken').filter(
      (o) => o !== gone && !(o.kind === gone.kind && o.metadata.name === gone.metadata.name),
    )
    fresh.apply(snapshotOf(rest))
    const { seq: _a, ...reused } = drawn(after)
    const { seq: _b, ...expected } = drawn(fresh.frame(view))
    expect(reused).toEqual(expected)
    // The change reached the problems and the counts the view derives from them.
    expect(after.problems.length).toBeLessThan(before.problems.length)
  })
})
