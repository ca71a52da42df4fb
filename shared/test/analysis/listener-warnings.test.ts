// The findings about routes sharing a listener (TrafficShadowed, HTTPRouteGRPCRouteOverlap,
// ShadowedRule, PrecedenceTie) are kept per listener between changes: after every change they must be
// what a fresh analysis of the same objects finds, and the change must show in them.
import { describe, expect, it } from 'vitest'
import { Analyzer, analyze } from '../../src/analysis/analyzer.ts'
import { findings } from '../../src/analysis/findings.ts'
import type { KubeObject } from '../../src/index.ts'
import { objectKey } from '../../src/kinds.ts'
import { backend, gateway, gatewayClass, http, route, service } from './fixtures.ts'

const CODES = new Set(['TrafficShadowed', 'HTTPRouteGRPCRouteOverlap', 'ShadowedRule', 'PrecedenceTie'])

const shared = (analyzer: Analyzer, keep: boolean) =>
  findings(analyzer, { keep, explain: false })
    .filter((f) => CODES.has(f.code))
    .map((f) => `${f.code} ${f.object.kind}/${f.object.name} ${f.path ?? ''}: ${f.message}`)

const httpRoute = (name: string, path: string, created: string, hostnames?: string[]) =>
  route(
    'HTTPRoute',
    'shop',
    name,
    {
      parentRefs: [{ name: 'edge', sectionName: 'web' }],
      ...(hostnames ? { hostnames } : {}),
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: path } }], backendRefs: [backend('a')] }],
    },
    { creationTimestamp: created },
  )

const tcpRoute = (name: string, created: string) =>
  route(
    'TCPRoute',
    'shop',
    name,
    { parentRefs: [{ name: 'edge', sectionName: 'tcp' }], rules: [{ backendRefs: [backend('a')] }] },
    { creationTimestamp: created },
  )

const grpcRoute = (name: string, hostnames: string[]) =>
  route('GRPCRoute', 'shop', name, {
    parentRefs: [{ name: 'edge', sectionName: 'web' }],
    hostnames,
    rules: [{ backendRefs: [backend('a')] }],
  })

function start(): { analyzer: Analyzer; live: Map<string, KubeObject> } {
  const objects = [
    gatewayClass(),
    gateway('shop', 'edge', [
      http('web', { allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }, { kind: 'GRPCRoute' }] } }),
      { name: 'tcp', port: 9000, protocol: 'TCP', allowedRoutes: { kinds: [{ kind: 'TCPRoute' }] } },
    ]),
    service('shop', 'a'),
    httpRoute('old', '/api', '2026-01-01T00:00:00Z'),
    httpRoute('new', '/api', '2026-02-01T00:00:00Z'),
    tcpRoute('first', '2026-01-01T00:00:00Z'),
    tcpRoute('second', '2026-02-01T00:00:00Z'),
  ]
  const analyzer = new Analyzer()
  const live = new Map<string, KubeObject>()
  for (const o of objects) {
    analyzer.upsert(o)
    live.set(objectKey(o.kind, o.metadata.namespace, o.metadata.name), o)
  }
  analyzer.refresh()
  return { analyzer, live }
}

function change(
  analyzer: Analyzer,
  live: Map<string, KubeObject>,
  object: KubeObject,
  op: 'upsert' | 'remove',
) {
  const key = objectKey(object.kind, object.metadata.namespace, object.metadata.name)
  if (op === 'upsert') {
    analyzer.upsert(object)
    live.set(key, object)
  } else {
    analyzer.remove(object.kind, object.metadata.namespace, object.metadata.name)
    live.delete(key)
  }
  analyzer.refresh()
  const kept = shared(analyzer, true)
  expect(kept).toEqual(shared(analyze(live.values()), false))
  return kept
}

describe('findings about routes sharing a listener, kept between changes', () => {
  it('follow each change to a route, a listener and the routes attached', () => {
    const { analyzer, live } = start()
    const first = shared(analyzer, true)
    expect(first).toEqual(shared(analyze(live.values()), false))
    expect(first.filter((f) => f.startsWith('PrecedenceTie HTTPRoute/new'))).toHaveLength(1)
    expect(first.filter((f) => f.startsWith('TrafficShadowed TCPRoute/second'))).toHaveLength(1)
    // Nothing changed: the same findings again.
    expect(shared(analyzer, true)).toEqual(first)

    // The newer route's match moves: no tie left; a general one shadows a specific one.
    let now = change(analyzer, live, httpRoute('new', '/other', '2026-02-01T00:00:00Z'), 'upsert')
    expect(now.some((f) => f.startsWith('PrecedenceTie'))).toBe(false)
    now = change(analyzer, live, httpRoute('new', '/api', '2026-02-01T00:00:00Z'), 'upsert')
    expect(now.filter((f) => f.startsWith('PrecedenceTie HTTPRoute/new'))).toHaveLength(1)

    // The older TCPRoute becomes the newer: the other one now gets no traffic.
    now = change(analyzer, live, tcpRoute('first', '2026-03-01T00:00:00Z'), 'upsert')
    expect(now.filter((f) => f.startsWith('TrafficShadowed TCPRoute/first'))).toHaveLength(1)
    expect(now.some((f) => f.startsWith('TrafficShadowed TCPRoute/second'))).toBe(false)
    now = change(analyzer, live, live.get(objectKey('TCPRoute', 'shop', 'second'))!, 'remove')
    expect(now.some((f) => f.startsWith('TrafficShadowed'))).toBe(false)

    // A GRPCRoute joins the listener with an HTTPRoute's hostname (the HTTPRoutes have none: any).
    now = change(analyzer, live, grpcRoute('rpc', ['api.example.com']), 'upsert')
    expect(now.filter((f) => f.startsWith('HTTPRouteGRPCRouteOverlap GRPCRoute/rpc'))).toHaveLength(1)

    // The listener is judged again (a hostname): the HTTPRoutes' hostnames no longer intersect it.
    const narrowed = gateway('shop', 'edge', [
      http('web', {
        hostname: 'shop.example.com',
        allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }, { kind: 'GRPCRoute' }] },
      }),
      { name: 'tcp', port: 9000, protocol: 'TCP', allowedRoutes: { kinds: [{ kind: 'TCPRoute' }] } },
    ])
    change(analyzer, live, narrowed, 'upsert')
    now = change(
      analyzer,
      live,
      httpRoute('old', '/api', '2026-01-01T00:00:00Z', ['elsewhere.example.com']),
      'upsert',
    )
    // The old route is no longer accepted there, so the newer one has no tie.
    expect(now.some((f) => f.startsWith('PrecedenceTie'))).toBe(false)
  })
})
