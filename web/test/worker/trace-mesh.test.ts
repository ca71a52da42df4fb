// A mesh (GAMMA) trace in the worker on examples/mesh: the request is sent to a Service, the path
// runs Service parent → route → the winning rule's backends and is lit on the graph; the frame
// offers the mesh Services as targets; the address bar keeps the choice.

import { GraphPipeline } from '@gatemap/shared/view/frame/pipeline.ts'
import { parseTraceQuery, queryKey, type TraceQuery } from '@gatemap/shared/view/model/trace-query.ts'
import { EMPTY_VIEW_STATE } from '@gatemap/shared/view/model/view-types.ts'
import { describe, expect, it } from 'vitest'
import { exampleObjects, snapshotOf } from '../../../shared/test/view/examples.ts'
import { readTrace, writeTrace } from '../../src/app/url-trace.ts'

const reviews: TraceQuery = {
  gateway: 'mesh-bookinfo/reviews',
  targetKind: 'Service',
  mode: 'http',
  target: 'http://reviews.mesh-bookinfo:9080/reviews/1',
  method: 'GET',
  headers: [],
}

function loaded() {
  const pipeline = new GraphPipeline()
  expect(pipeline.apply(snapshotOf(exampleObjects('mesh')))).toBe('ok')
  return pipeline
}

describe('mesh trace', () => {
  it('sends the request to the Service and lights Service parent → route → backends', () => {
    const frame = loaded().frame(EMPTY_VIEW_STATE, reviews)
    expect(frame.meshServiceKeys).toEqual(['mesh-bookinfo/ratings', 'mesh-bookinfo/reviews'])
    const answer = frame.trace!.answer
    expect(answer.errors).toBeUndefined()
    expect(answer.result?.target).toEqual({ kind: 'Service', namespace: 'mesh-bookinfo', name: 'reviews' })
    expect(answer.result?.route?.name).toBe('reviews')
    expect(answer.result?.backends.map((b) => [b.name, b.share])).toEqual([
      ['reviews-v1', 0.9],
      ['reviews-v2', 0.1],
    ])
    expect(answer.path.stops.map((s) => s.id)).toEqual([
      'ServiceParent:Service/mesh-bookinfo/reviews',
      'Route:HTTPRoute/mesh-bookinfo/reviews',
      'Backend:Service/mesh-bookinfo/reviews-v1',
      'Backend:Service/mesh-bookinfo/reviews-v2',
    ])
    const lit = frame.nodes.filter((n) => n.highlighted).map((n) => n.id)
    expect(lit.sort()).toEqual(answer.path.stops.map((s) => s.id).sort())
    const litEdges = frame.edges.filter((e) => e.highlighted).map((e) => `${e.source} -> ${e.target}`)
    expect(litEdges.sort()).toEqual(
      [
        'ServiceParent:Service/mesh-bookinfo/reviews -> Route:HTTPRoute/mesh-bookinfo/reviews',
        'Route:HTTPRoute/mesh-bookinfo/reviews -> Backend:Service/mesh-bookinfo/reviews-v1',
        'Route:HTTPRoute/mesh-bookinfo/reviews -> Backend:Service/mesh-bookinfo/reviews-v2',
      ].sort(),
    )
  })

  it('names a Service that is not there under the Service field', () => {
    const frame = loaded().frame(EMPTY_VIEW_STATE, { ...reviews, gateway: 'mesh-bookinfo/nope' })
    expect(frame.trace!.answer.errors?.gateway).toMatch(/Service mesh-bookinfo\/nope is not among the inputs/)
    expect(parseTraceQuery({ ...reviews, gateway: 'reviews' })).toEqual({
      ok: false,
      errors: { gateway: 'choose a Service (namespace/name)' },
    })
  })

  it('keeps the Service target in the address bar, and tells it from the same name as a Gateway', () => {
    const params = new URLSearchParams()
    writeTrace(params, reviews)
    expect(params.get('tto')).toBe('service')
    expect(readTrace(params)).toEqual(reviews)
    const { targetKind: _, ...asGateway } = reviews
    const plain = new URLSearchParams()
    writeTrace(plain, asGateway)
    expect(plain.has('tto')).toBe(false)
    expect(readTrace(plain)?.targetKind).toBeUndefined()
    expect(queryKey(asGateway)).not.toBe(queryKey(reviews))
  })
})
