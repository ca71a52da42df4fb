// Precedence cases written from the spec's own words (Gateway API v1.6.1, apis/v1). Each case names
// the sentence it checks; the world is one Gateway with the listeners given, routes whose rules each
// send to their own backend, and every backend a Service that exists.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/analysis/analyzer.ts'
import type { KubeObject } from '../../src/index.ts'
import {
  grpcRequest,
  parseHeader,
  parseHttpRequest,
  streamRequest,
  type TraceRequest,
  tlsRequest,
  traceRequest,
} from '../../src/routing/index.ts'
import { gateway, gatewayClass, http, route, service } from '../analysis/fixtures.ts'

const NS = 'shop'
const BACKENDS = ['a', 'b', 'c', 'd', 'e', 'f']

interface RouteSpec {
  name: string
  kind?: string
  hostnames?: string[]
  /** Rules: matches and the backend (one of BACKENDS) each sends to. */
  rules: { matches?: unknown[]; to: string; filters?: unknown[] }[]
  created?: string
  sectionName?: string
}

function world(listeners: unknown[], routes: RouteSpec[]): KubeObject[] {
  return [
    gatewayClass(),
    gateway(NS, 'edge', listeners),
    ...BACKENDS.map((b) => service(NS, b, [{ name: 'p', port: 8080 }])),
    ...routes.map((r) =>
      route(
        r.kind ?? 'HTTPRoute',
        NS,
        r.name,
        {
          parentRefs: [{ name: 'edge', ...(r.sectionName ? { sectionName: r.sectionName } : {}) }],
          ...(r.hostnames ? { hostnames: r.hostnames } : {}),
          rules: r.rules.map((rule) => ({
            ...(rule.matches ? { matches: rule.matches } : {}),
            ...(rule.filters ? { filters: rule.filters } : {}),
            backendRefs: [{ name: rule.to, port: 8080 }],
          })),
        },
        r.created ? { creationTimestamp: r.created } : {},
      ),
    ),
  ]
}

function backendOf(objects: KubeObject[], request: TraceRequest): string {
  const result = traceRequest(analyze(objects), { kind: 'Gateway', namespace: NS, name: 'edge' }, request)
  if (result.outcome !== 'backend') return result.outcome
  return result.backends.map((b) => b.name).join(',')
}

const get = (url: string, headers: string[] = [], method = 'GET') =>
  parseHttpRequest(`${method} ${url}`, headers.map(parseHeader))
const prefix = (value: string) => ({ path: { type: 'PathPrefix', value } })
const exact = (value: string) => ({ path: { type: 'Exact', value } })
const anyHttp = [http('http')]

interface Case {
  spec: string
  listeners?: unknown[]
  routes: RouteSpec[]
  request: TraceRequest
  want: string
}

const CASES: Case[] = [
  {
    spec: 'httproute_types.go HTTPRouteRule.Matches: precedence to an "Exact" path match',
    routes: [
      {
        name: 'r1',
        rules: [
          { matches: [prefix('/api')], to: 'a' },
          { matches: [exact('/api')], to: 'b' },
        ],
      },
    ],
    request: get('http://x.example.com/api'),
    want: 'b',
  },
  {
    spec: 'HTTPRouteRule.Matches: "Prefix" path match with largest number of characters',
    routes: [
      { name: 'r1', rules: [{ matches: [prefix('/api')], to: 'a' }] },
      { name: 'r2', rules: [{ matches: [prefix('/api/v2')], to: 'b' }] },
    ],
    request: get('http://x.example.com/api/v2/items'),
    want: 'b',
  },
  {
    spec: 'HTTPPathMatch PathPrefix: matching is done on a path element by element basis',
    routes: [
      { name: 'r1', rules: [{ matches: [prefix('/')], to: 'a' }] },
      { name: 'r2', rules: [{ matches: [prefix('/api')], to: 'b' }] },
    ],
    request: get('http://x.example.com/apis'),
    want: 'a',
  },
  {
    spec: 'HTTPRouteRule.Matches: then Method match',
    routes: [
      { name: 'r1', rules: [{ matches: [prefix('/api')], to: 'a' }] },
      { name: 'r2', rules: [{ matches: [{ ...prefix('/api'), method: 'POST' }], to: 'b' }] },
    ],
    request: get('http://x.example.com/api', [], 'POST'),
    want: 'b',
  },
  {
    spec: 'HTTPRouteRule.Matches: then largest number of header matches (a header canary)',
    routes: [
      { name: 'stable', rules: [{ matches: [prefix('/')], to: 'a' }] },
      {
        name: 'canary',
        rules: [{ matches: [{ ...prefix('/'), headers: [{ name: 'x-canary', value: 'yes' }] }], to: 'b' }],
      },
    ],
    request: get('http://x.example.com/cart', ['X-Canary: yes']),
    want: 'b',
  },
  {
    spec: 'HTTPRouteRule.Matches: a method match outranks header matches',
    routes: [
      {
        name: 'r1',
        rules: [
          {
            matches: [
              {
                ...prefix('/'),
                headers: [
                  { name: 'x-a', value: '1' },
                  { name: 'x-b', value: '2' },
                ],
              },
            ],
            to: 'a',
          },
        ],
      },
      { name: 'r2', rules: [{ matches: [{ ...prefix('/'), method: 'GET' }], to: 'b' }] },
    ],
    request: get('http://x.example.com/', ['x-a: 1', 'x-b: 2']),
    want: 'b',
  },
  {
    spec: 'HTTPRouteRule.Matches: then largest number of query param matches',
    routes: [
      { name: 'r1', rules: [{ matches: [prefix('/')], to: 'a' }] },
      {
        name: 'r2',
        rules: [{ matches: [{ ...prefix('/'), queryParams: [{ name: 'beta', value: '1' }] }], to: 'b' }],
      },
    ],
    request: get('http://x.example.com/?beta=1'),
    want: 'b',
  },
  {
    spec: 'HTTPRouteRule.Matches: ties across Routes go to the oldest Route by creation timestamp',
    routes: [
      { name: 'a-newer', created: '2026-02-01T00:00:00Z', rules: [{ matches: [prefix('/')], to: 'a' }] },
      { name: 'z-older', created: '2026-01-01T00:00:00Z', rules: [{ matches: [prefix('/')], to: 'b' }] },
    ],
    request: get('http://x.example.com/'),
    want: 'b',
  },
  {
    spec: 'HTTPRouteRule.Matches: then the Route first in alphabetical order by {namespace}/{name}',
    routes: [
      { name: 'beta', rules: [{ matches: [prefix('/')], to: 'a' }] },
      { name: 'alpha', rules: [{ matches: [prefix('/')], to: 'b' }] },
    ],
    request: get('http://x.example.com/'),
    want: 'b',
  },
  {
    spec: 'HTTPRouteRule.Matches: within an HTTPRoute, the FIRST matching rule in list order',
    routes: [
      {
        name: 'r1',
        rules: [
          { matches: [prefix('/')], to: 'a' },
          { matches: [prefix('/')], to: 'b' },
        ],
      },
    ],
    request: get('http://x.example.com/'),
    want: 'a',
  },
  {
    spec: 'HTTPRouteSpec.Hostnames: precedence to the Route with the most characters in a matching non-wildcard hostname',
    routes: [
      { name: 'wild', hostnames: ['*.example.com'], rules: [{ matches: [exact('/x')], to: 'a' }] },
      { name: 'precise', hostnames: ['shop.example.com'], rules: [{ matches: [prefix('/')], to: 'b' }] },
    ],
    request: get('http://shop.example.com/x'),
    want: 'b',
  },
  {
    spec: 'HTTPRouteSpec.Hostnames: then the most characters in a matching hostname',
    routes: [
      { name: 'short', hostnames: ['*.example.com'], rules: [{ to: 'a' }] },
      { name: 'long', hostnames: ['*.shop.example.com'], rules: [{ to: 'b' }] },
    ],
    request: get('http://eu.shop.example.com/'),
    want: 'b',
  },
  {
    spec: 'HTTPRouteRule.Matches: no rule matches → HTTP 404',
    routes: [{ name: 'r1', rules: [{ matches: [exact('/only')], to: 'a' }] }],
    request: get('http://x.example.com/other'),
    want: 'not-found',
  },
  {
    spec: 'gateway_types.go Listener.Hostname: "foo.example.com" takes precedence over "*.example.com"',
    listeners: [http('wild', { hostname: '*.example.com' }), http('exact', { hostname: 'foo.example.com' })],
    routes: [
      { name: 'on-wild', sectionName: 'wild', rules: [{ to: 'a' }] },
      { name: 'on-exact', sectionName: 'exact', rules: [{ to: 'b' }] },
    ],
    request: get('http://foo.example.com/'),
    want: 'b',
  },
  {
    spec: 'Listener.Hostname: "*.foo.example.com" takes precedence over "*.example.com"',
    listeners: [
      http('short', { hostname: '*.example.com' }),
      http('long', { hostname: '*.foo.example.com' }),
    ],
    routes: [
      { name: 'on-short', sectionName: 'short', rules: [{ to: 'a' }] },
      { name: 'on-long', sectionName: 'long', rules: [{ to: 'b' }] },
    ],
    request: get('http://bar.foo.example.com/'),
    want: 'b',
  },
  {
    spec: 'Listener.Hostname: "*.example.com" takes precedence over "" (no hostname)',
    listeners: [http('any'), http('wild', { hostname: '*.example.com' })],
    routes: [
      { name: 'on-any', sectionName: 'any', rules: [{ to: 'a' }] },
      { name: 'on-wild', sectionName: 'wild', rules: [{ to: 'b' }] },
    ],
    request: get('http://x.example.com/'),
    want: 'b',
  },
  {
    spec: 'Hostname: a wildcard never matches the bare parent domain',
    listeners: [http('any'), http('wild', { hostname: '*.example.com' })],
    routes: [
      { name: 'on-any', sectionName: 'any', rules: [{ to: 'a' }] },
      { name: 'on-wild', sectionName: 'wild', rules: [{ to: 'b' }] },
    ],
    request: get('http://example.com/'),
    want: 'a',
  },
  {
    spec: 'grpcroute_types.go GRPCRouteRule.Matches: characters in a matching service, then method',
    routes: [
      {
        name: 'svc',
        kind: 'GRPCRoute',
        rules: [{ matches: [{ method: { service: 'shop.Cart' } }], to: 'a' }],
      },
      {
        name: 'meth',
        kind: 'GRPCRoute',
        rules: [{ matches: [{ method: { service: 'shop.Cart', method: 'Add' } }], to: 'b' }],
      },
      { name: 'all', kind: 'GRPCRoute', rules: [{ to: 'c' }] },
    ],
    request: grpcRequest('x.example.com:80', 'shop.Cart/Add'),
    want: 'b',
  },
  {
    spec: 'GRPCRouteRule.Matches: then header matches',
    routes: [
      {
        name: 'plain',
        kind: 'GRPCRoute',
        rules: [{ matches: [{ method: { service: 'shop.Cart' } }], to: 'a' }],
      },
      {
        name: 'hdr',
        kind: 'GRPCRoute',
        rules: [
          {
            matches: [{ method: { service: 'shop.Cart' }, headers: [{ name: 'env', value: 'canary' }] }],
            to: 'b',
          },
        ],
      },
    ],
    request: grpcRequest('x.example.com:80', 'shop.Cart/List', [parseHeader('env: canary')]),
    want: 'b',
  },
  {
    spec: 'GRPCRouteRule.Matches: a gRPC call no rule matches is not found (UNIMPLEMENTED)',
    routes: [
      {
        name: 'svc',
        kind: 'GRPCRoute',
        rules: [{ matches: [{ method: { service: 'shop.Cart' } }], to: 'a' }],
      },
    ],
    request: grpcRequest('x.example.com:80', 'shop.Orders/List'),
    want: 'not-found',
  },
  {
    spec: 'tlsroute_types.go Hostnames (SNI): the precise hostname beats the wildcard',
    listeners: [{ name: 'tls', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' } }],
    routes: [
      { name: 'wild', kind: 'TLSRoute', hostnames: ['*.example.com'], rules: [{ to: 'a' }] },
      { name: 'db', kind: 'TLSRoute', hostnames: ['db.example.com'], rules: [{ to: 'b' }] },
    ],
    request: tlsRequest('db.example.com:443'),
    want: 'b',
  },
  {
    spec: 'gateway_types.go AllowedRoutes: among TCPRoutes on one listener, the oldest Route',
    listeners: [{ name: 'tcp', port: 5432, protocol: 'TCP' }],
    routes: [
      { name: 'a-new', kind: 'TCPRoute', created: '2026-03-01T00:00:00Z', rules: [{ to: 'a' }] },
      { name: 'b-old', kind: 'TCPRoute', created: '2026-01-01T00:00:00Z', rules: [{ to: 'b' }] },
    ],
    request: streamRequest('tcp', 'db:5432'),
    want: 'b',
  },
]

describe('precedence, case by case from the spec', () => {
  for (const c of CASES) {
    it(c.spec, () => {
      expect(backendOf(world(c.listeners ?? anyHttp, c.routes), c.request)).toBe(c.want)
    })
  }
})

describe('losing candidates name the step that decided', () => {
  it('an exact match beats a prefix on "Exact path", and a non-matching rule says which field differs', () => {
    const objects = world(anyHttp, [
      {
        name: 'r1',
        rules: [
          { matches: [prefix('/api')], to: 'a' },
          { matches: [exact('/api')], to: 'b' },
        ],
      },
      { name: 'r2', rules: [{ matches: [{ ...prefix('/'), method: 'DELETE' }], to: 'c' }] },
    ])
    const result = traceRequest(
      analyze(objects),
      { kind: 'Gateway', namespace: NS, name: 'edge' },
      get('http://x/api'),
    )
    expect(result.rule?.index).toBe(1)
    const lost = result.candidates.find((c) => c.name === 'r1' && c.rule === 0)
    expect(lost?.step).toBe('Exact path')
    const other = result.candidates.find((c) => c.name === 'r2')
    expect(other?.step).toBe('no match')
    expect(other?.reason).toContain('method GET is not DELETE')
  })

  it('a tie across routes says that only creationTimestamp decided', () => {
    const objects = world(anyHttp, [
      { name: 'new', created: '2026-02-01T00:00:00Z', rules: [{ to: 'a' }] },
      { name: 'old', created: '2026-01-01T00:00:00Z', rules: [{ to: 'b' }] },
    ])
    const result = traceRequest(
      analyze(objects),
      { kind: 'Gateway', namespace: NS, name: 'edge' },
      get('http://x/'),
    )
    expect(result.route?.name).toBe('old')
    expect(result.candidates[0]).toMatchObject({ name: 'new', step: 'creationTimestamp' })
    expect(result.candidates[0]?.reason).toContain('only this tie-break decides')
  })

  it('a rejected route and a dropped rule are listed as excluded with why', () => {
    const objects = world(
      [http('http', { hostname: 'shop.example.com' })],
      [
        { name: 'ok', rules: [{ to: 'a' }, { matches: [{ path: { type: 'Bogus', value: '/' } }], to: 'b' }] },
        { name: 'elsewhere', hostnames: ['other.example.org'], rules: [{ to: 'c' }] },
      ],
    )
    const result = traceRequest(
      analyze(objects),
      { kind: 'Gateway', namespace: NS, name: 'edge' },
      get('http://shop.example.com/'),
    )
    expect(result.route?.name).toBe('ok')
    expect(result.candidates.find((c) => c.name === 'ok' && c.rule === 1)?.step).toBe('rule dropped')
    const rejected = result.candidates.find((c) => c.name === 'elsewhere')
    expect(rejected?.step).toBe('not Accepted')
    expect(rejected?.reason).toContain('NoMatchingListenerHostname')
  })
})
