// The worker's trace on examples/routing: the shared core's answer reaches the frame, the path is lit
// (the winning rule's backend edges only), bad fields come back named, and the answer follows changes.

import { describe, expect, it } from 'vitest'
import {
  analyze,
  type KubeObject,
  parseHttpRequest,
  type ServerMessage,
  traceRequest,
} from '../../../src/index.ts'
import { GraphPipeline } from '../../../src/view/frame/pipeline.ts'
import { runTrace, TraceRunner } from '../../../src/view/frame/trace.ts'
import type { TraceQuery } from '../../../src/view/model/trace-query.ts'
import { EMPTY_VIEW_STATE } from '../../../src/view/model/view-types.ts'
import { exampleObjects, snapshotOf } from '../examples.ts'

const http = (target: string, headers: string[] = [], method = 'GET'): TraceQuery => ({
  gateway: 'routing-demo/edge',
  mode: 'http',
  target,
  method,
  headers,
})

function loaded() {
  const pipeline = new GraphPipeline()
  expect(pipeline.apply(snapshotOf(exampleObjects('routing')))).toBe('ok')
  return pipeline
}

describe('runTrace', () => {
  it('answers what the shared trace answers, with the path through the graph', () => {
    const objects = exampleObjects('routing')
    const analyzer = analyze(objects)
    const answer = runTrace(analyzer, http('http://shop.example.com/api/v2/items', ['x-canary: true']))
    const direct = traceRequest(
      analyze(objects),
      { kind: 'Gateway', namespace: 'routing-demo', name: 'edge' },
      parseHttpRequest('GET http://shop.example.com/api/v2/items', [['x-canary', 'true']]),
    )
    expect(answer.errors).toBeUndefined()
    expect(answer.result?.route).toEqual(direct.route)
    expect(answer.result?.rule).toEqual(direct.rule)
    expect(answer.result?.backends.map((b) => [b.name, b.share])).toEqual([
      ['catalog-v2', 0.9],
      ['catalog-canary', 0.1],
    ])
    expect(answer.candidateCount).toBe(direct.candidates.length)
    expect(answer.result?.candidates).toEqual(direct.candidates)
    expect(answer.path.stops.map((s) => s.id)).toEqual([
      'Gateway:Gateway/routing-demo/edge',
      'Listener:Gateway/routing-demo/edge#http',
      'Route:HTTPRoute/routing-demo/catalog-canary',
      'Backend:Service/routing-demo/catalog-v2',
      'Backend:Service/routing-demo/catalog-canary',
    ])
    expect(answer.path.backendEdges).toEqual([
      'Route:HTTPRoute/routing-demo/catalog-canary->Backend:Service/routing-demo/catalog-v2:backend#0',
      'Route:HTTPRoute/routing-demo/catalog-canary->Backend:Service/routing-demo/catalog-canary:backend#0',
    ])
    // Survives the trip to the page: structured clone keeps every field.
    expect(structuredClone(answer)).toEqual(answer)
  })

  it('names the field that is wrong, in the form’s words', () => {
    const analyzer = analyze(exampleObjects('routing'))
    expect(runTrace(analyzer, http('shop.example.com/api')).errors).toEqual({
      target: expect.stringMatching(/^"shop.example.com\/api" is not an absolute URL/),
    })
    expect(runTrace(analyzer, http('ftp://shop.example.com/')).errors?.target).toMatch(
      /^scheme "ftp" is not http or https/,
    )
    expect(runTrace(analyzer, http('http://a/', [], 'G3T')).errors).toEqual({
      method: '"G3T" is not an HTTP method',
    })
    expect(runTrace(analyzer, http('http://a/', ['x-ok: 1', 'no colon'])).errors).toEqual({
      headers: 'line 2: header "no colon" is not "Name: value"',
    })
    expect(runTrace(analyzer, { ...http('http://a/'), gateway: 'edge' }).errors?.gateway).toMatch(
      /namespace\/name/,
    )
    expect(runTrace(analyzer, { ...http('http://a/'), gateway: 'routing-demo/nope' }).errors).toEqual({
      gateway: 'Gateway routing-demo/nope is not among the inputs',
    })
    const grpc: TraceQuery = { ...http('shop.example.com'), mode: 'grpc', method: 'Svc' }
    expect(runTrace(analyzer, grpc).errors).toEqual({
      target: '"shop.example.com": expected HOST:PORT',
    })
    expect(runTrace(analyzer, { ...grpc, target: 'shop.example.com:80' }).errors).toEqual({
      method: '"Svc": expected pkg.Service/Method',
    })
  })

  it('traces TCP and TLS to a 404-like answer when no listener takes them', () => {
    const analyzer = analyze(exampleObjects('routing'))
    const tcp = runTrace(analyzer, { ...http('db.example.com:5432'), mode: 'tcp', method: '' })
    expect(tcp.errors).toBeUndefined()
    expect(tcp.result?.listener).toBeNull()
    expect(tcp.result?.outcome).toBe('not-found')
    expect(tcp.path.stops.map((s) => s.id)).toEqual(['Gateway:Gateway/routing-demo/edge'])
  })

  it('keeps the answer until the analysis changes', () => {
    const pipeline = loaded()
    const runner = new TraceRunner()
    const q = http('http://shop.example.com/promo')
    const first = runner.answer(pipeline.analysis, q)
    expect(runner.answer(pipeline.analysis, { ...q, headers: [''] })).toBe(first)
    pipeline.analysis.remove('HTTPRoute', 'routing-demo', 'storefront')
    expect(runner.answer(pipeline.analysis, q)).not.toBe(first)
  })
})

describe('the worker’s two frames', () => {
  it('answers with the path first and the candidates in a later task, then asks for a frame', async () => {
    const pipeline = loaded()
    const runner = new TraceRunner()
    let asked = 0
    runner.onCandidates = () => {
      asked++
    }
    const q = http('http://shop.example.com/api/v2/items', ['x-canary: true'])
    const first = runner.answer(pipeline.analysis, q)
    expect(first.candidatesPending).toBe(true)
    expect(first.result?.candidates).toEqual([])
    expect(first.result?.route?.name).toBe('catalog-canary')
    expect(first.path.stops).toHaveLength(5)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(asked).toBe(1)
    const second = runner.answer(pipeline.analysis, q)
    expect(second.candidatesPending).toBeUndefined()
    expect(second.candidateCount).toBe(7)
    expect(second.result?.candidates[0]).toMatchObject({ name: 'catalog', rule: 1, step: 'header matches' })
    expect(second.path).toEqual(first.path)
  })

  it('drops candidates read for a query that was replaced before they were ready', async () => {
    const pipeline = loaded()
    const runner = new TraceRunner()
    let asked = 0
    runner.onCandidates = () => {
      asked++
    }
    runner.answer(pipeline.analysis, http('http://shop.example.com/promo'))
    const other = runner.answer(pipeline.analysis, http('http://shop.example.com/old/x'))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(asked).toBe(1)
    expect(other.candidatesPending).toBe(true)
    expect(runner.answer(pipeline.analysis, http('http://shop.example.com/old/x')).result?.redirect).toEqual({
      location: 'http://shop.example.com/x',
      statusCode: 301,
    })
  })
})

describe('a listener’s routing table', () => {
  it('lists the rules in precedence order with the shadowed and tied ones marked', () => {
    const frame = loaded().frame({ ...EMPTY_VIEW_STATE, selected: 'Listener:Gateway/routing-demo/edge#http' })
    const table = frame.details?.listener?.table
    expect(table?.total).toBe(table?.entries.length)
    const rows = table!.entries.map((e) => `${e.route.name}#${e.rule} ${e.match}`)
    expect(rows.indexOf('promo-spring#0 Exact /promo')).toBeLessThan(
      rows.indexOf('promo-summer#0 Exact /promo'),
    )
    expect(rows.indexOf('catalog-canary#0 PathPrefix /api/v2, header x-canary=true')).toBeLessThan(
      rows.indexOf('catalog#1 PathPrefix /api/v2'),
    )
    const summer = table!.entries.find((e) => e.route.name === 'promo-summer')
    expect(summer?.tiedWith).toMatchObject({
      route: { name: 'promo-spring' },
      decidedBy: 'creationTimestamp',
    })
    const old = table!.entries.find((e) => e.route.name === 'storefront' && e.rule === 1)
    expect(old?.shadowedBy).toMatchObject({ route: { name: 'storefront' }, rule: 0 })
    expect(frame.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['ShadowedRule', 'PrecedenceTie']),
    )
  })
})

describe('a trace in the frame', () => {
  it('lights the path and the winning rule’s backend edges; dims the rest', () => {
    const frame = loaded().frame(EMPTY_VIEW_STATE, http('http://shop.example.com/api/v2/items'))
    const answer = frame.trace!.answer
    expect(answer.result?.route?.name).toBe('catalog')
    expect(answer.result?.rule?.index).toBe(1)
    const lit = frame.nodes.filter((n) => n.highlighted).map((n) => n.id)
    expect(lit.sort()).toEqual(
      [
        'Gateway:Gateway/routing-demo/edge',
        'Listener:Gateway/routing-demo/edge#http',
        'Route:HTTPRoute/routing-demo/catalog',
        'Backend:Service/routing-demo/catalog-v2',
      ].sort(),
    )
    expect(frame.trace!.shown.sort()).toEqual(lit)
    for (const n of frame.nodes) expect(n.dimmed).toBe(!n.highlighted)
    const litEdges = frame.edges.filter((e) => e.highlighted).map((e) => e.id)
    // catalog's rule 0 (catalog-v1) is not on the path although the route is.
    expect(litEdges.sort()).toEqual(
      [
        'Gateway:Gateway/routing-demo/edge->Listener:Gateway/routing-demo/edge#http:listener',
        'Listener:Gateway/routing-demo/edge#http->Route:HTTPRoute/routing-demo/catalog:attached',
        'Route:HTTPRoute/routing-demo/catalog->Backend:Service/routing-demo/catalog-v2:backend#1',
      ].sort(),
    )
  })

  it('lights the Gateway group when its listeners are folded', () => {
    const frame = loaded().frame(
      { ...EMPTY_VIEW_STATE, collapsed: ['gw:routing-demo/edge'] },
      http('http://shop.example.com/promo'),
    )
    const lit = frame.nodes.filter((n) => n.highlighted).map((n) => n.id)
    expect(lit).toContain('Gateway:Gateway/routing-demo/edge')
    expect(lit).toContain('Route:HTTPRoute/routing-demo/promo-spring')
    expect(lit).not.toContain('Route:HTTPRoute/routing-demo/promo-summer')
  })

  it('lights a namespace group that stands for the winning route', () => {
    const frame = loaded().frame(
      { ...EMPTY_VIEW_STATE, collapsed: ['ns:routing-demo:3'] },
      http('http://shop.example.com/promo'),
    )
    const lit = frame.nodes.filter((n) => n.highlighted).map((n) => n.id)
    expect(lit).toContain('ns:routing-demo:3')
    expect(lit).toContain('Backend:Service/routing-demo/promo-spring')
    expect(lit).not.toContain('Backend:Service/routing-demo/promo-summer')
    expect(frame.edges.filter((e) => e.highlighted).map((e) => `${e.source} -> ${e.target}`)).toContain(
      'ns:routing-demo:3 -> Backend:Service/routing-demo/promo-spring',
    )
  })

  it('lights the backend group the winning rule’s backends are folded into', () => {
    const frame = loaded().frame(
      { ...EMPTY_VIEW_STATE, collapsed: ['ns:routing-demo:4'] },
      http('http://shop.example.com/promo'),
    )
    const litEdges = frame.edges.filter((e) => e.highlighted).map((e) => `${e.source} -> ${e.target}`)
    expect(litEdges).toContain('Route:HTTPRoute/routing-demo/promo-spring -> ns:routing-demo:4')
    expect(litEdges).not.toContain('Route:HTTPRoute/routing-demo/promo-summer -> ns:routing-demo:4')
  })

  it('re-traces when the world changes: the answer stays live', () => {
    const pipeline = loaded()
    const q = http('http://shop.example.com/promo')
    expect(pipeline.frame(EMPTY_VIEW_STATE, q).trace?.answer.result?.route?.name).toBe('promo-spring')
    const deleted: ServerMessage = {
      type: 'delta',
      seq: 2,
      op: 'deleted',
      object: exampleObjects('routing').find(
        (o) => o.kind === 'HTTPRoute' && o.metadata.name === 'promo-spring',
      ) as KubeObject,
    }
    expect(pipeline.apply(deleted)).toBe('ok')
    expect(pipeline.frame(EMPTY_VIEW_STATE, q).trace?.answer.result?.route?.name).toBe('promo-summer')
  })

  it('leaves the graph as the selection lit it while the query has errors, and without a trace has none', () => {
    const pipeline = loaded()
    const view = { ...EMPTY_VIEW_STATE, selected: 'Route:HTTPRoute/routing-demo/storefront' }
    const bad = pipeline.frame(view, http('not a url'))
    expect(bad.trace?.answer.errors?.target).toBeTruthy()
    expect(bad.nodes.find((n) => n.id === view.selected)?.highlighted).toBe(true)
    expect(pipeline.frame(view).trace).toBeUndefined()
  })
})
