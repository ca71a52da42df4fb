// The trace's result: filters in order with their effect, redirects' Location, backends with
// effective weights and shares (an unresolved backend's share gets 500), request parsing errors,
// mesh routes, and the routing-table findings (ShadowedRule, PrecedenceTie).
import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/analysis/analyzer.ts'
import { findings } from '../../src/analysis/findings.ts'
import type { KubeObject } from '../../src/index.ts'
import {
  parseHeader,
  parseHttpRequest,
  RequestError,
  replacePrefix,
  TraceTargetError,
  traceRequest,
} from '../../src/routing/index.ts'
import { gateway, gatewayClass, http, route, service } from '../analysis/fixtures.ts'

const edge = { kind: 'Gateway' as const, namespace: 'shop', name: 'edge' }

function objects(rules: unknown[], more: KubeObject[] = []): KubeObject[] {
  return [
    gatewayClass(),
    gateway('shop', 'edge', [
      http('http'),
      { name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] } },
    ]),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { namespace: 'shop', name: 'cert' },
      type: 'kubernetes.io/tls',
    },
    service('shop', 'web', [{ name: 'p', port: 8080 }]),
    service('shop', 'canary', [{ name: 'p', port: 8080 }]),
    route('HTTPRoute', 'shop', 'r', { parentRefs: [{ name: 'edge' }], rules }),
    ...more,
  ]
}

const trace = (o: KubeObject[], line: string, headers: string[] = []) =>
  traceRequest(analyze(o), edge, parseHttpRequest(line, headers.map(parseHeader)))

describe('filters', () => {
  it('RequestRedirect: scheme https gives port 443 and leaves it out of the Location; the path is kept', () => {
    const r = trace(
      objects([
        { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
      ]),
      'GET http://shop.example.com/a?x=1',
    )
    expect(r.outcome).toBe('redirect')
    expect(r.status).toBe(301)
    expect(r.redirect?.location).toBe('https://shop.example.com/a?x=1')
  })

  it('RequestRedirect without scheme or port keeps the listener port; ReplacePrefixMatch rewrites the matched prefix', () => {
    const r = trace(
      objects([
        {
          matches: [{ path: { type: 'PathPrefix', value: '/old' } }],
          filters: [
            {
              type: 'RequestRedirect',
              requestRedirect: {
                hostname: 'new.example.com',
                path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' },
              },
            },
          ],
        },
      ]),
      'GET https://shop.example.com/old/item',
    )
    expect(r.status).toBe(302)
    expect(r.redirect?.location).toBe('https://new.example.com/new/item')
  })

  it('URLRewrite and RequestHeaderModifier change what the backend receives, in order', () => {
    const r = trace(
      objects([
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
          filters: [
            {
              type: 'URLRewrite',
              urlRewrite: {
                hostname: 'internal',
                path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
              },
            },
            {
              type: 'RequestHeaderModifier',
              requestHeaderModifier: {
                set: [{ name: 'X-Env', value: 'prod' }],
                add: [{ name: 'X-Tag', value: 'b' }],
                remove: ['X-Debug'],
              },
            },
          ],
          backendRefs: [{ name: 'web', port: 8080 }],
        },
      ]),
      'GET http://shop.example.com/api/v2/items',
      ['X-Env: dev', 'X-Tag: a', 'X-Debug: 1'],
    )
    expect(r.outcome).toBe('backend')
    expect(r.forwarded).toMatchObject({ host: 'internal', path: '/v2/items' })
    expect(r.forwarded?.headers).toEqual([
      ['X-Tag', 'a,b'],
      ['X-Env', 'prod'],
    ])
    expect(r.filters.map((f) => f.type)).toEqual(['URLRewrite', 'RequestHeaderModifier'])
  })

  it('ReplacePrefixMatch works element by element', () => {
    expect(replacePrefix('/prefix/one/two', '/prefix/one', '/one')).toBe('/one/two')
    expect(replacePrefix('/prefix/one', '/prefix/one', '/')).toBe('/')
    expect(replacePrefix('/prefix/one/', '/prefix/one', '/x/')).toBe('/x/')
  })
})

describe('backends', () => {
  it('weights become shares; weight 0 gets nothing', () => {
    const r = trace(
      objects([
        {
          backendRefs: [
            { name: 'web', port: 8080, weight: 3 },
            { name: 'canary', port: 8080, weight: 1 },
            { name: 'web', port: 8080, weight: 0 },
          ],
        },
      ]),
      'GET http://x/',
    )
    expect(r.backends.map((b) => [b.name, b.weight, b.share])).toEqual([
      ['web', 3, 0.75],
      ['canary', 1, 0.25],
      ['web', 0, 0],
    ])
  })

  it('an unresolved backend keeps its share but gets 500 there; when none resolves, the outcome is 500', () => {
    const mixed = trace(
      objects([
        {
          backendRefs: [
            { name: 'web', port: 8080 },
            { name: 'gone', port: 8080 },
          ],
        },
      ]),
      'GET http://x/',
    )
    expect(mixed.outcome).toBe('backend')
    expect(mixed.errorShare).toBe(0.5)
    expect(mixed.backends.find((b) => b.name === 'gone')).toMatchObject({ weight: 0, resolved: false })
    const none = trace(objects([{ backendRefs: [{ name: 'gone', port: 8080 }] }]), 'GET http://x/')
    expect([none.outcome, none.status]).toEqual(['error', 500])
    const empty = trace(objects([{}]), 'GET http://x/')
    expect([empty.outcome, empty.status]).toEqual(['error', 500])
  })
})

describe('listeners and targets', () => {
  it('a port no listener serves ends at the Gateway with 404 and says so', () => {
    const r = trace(objects([{ backendRefs: [{ name: 'web', port: 8080 }] }]), 'GET http://x:9999/')
    expect([r.listener, r.outcome, r.status]).toEqual([null, 'not-found', 404])
    expect(r.steps.join(' ')).toContain('no listener listens on port 9999')
  })

  it('an absent Gateway is an error naming it', () => {
    expect(() =>
      traceRequest(
        analyze(objects([])),
        { kind: 'Gateway', namespace: 'x', name: 'y' },
        parseHttpRequest('GET http://a/'),
      ),
    ).toThrow(TraceTargetError)
  })

  it('mesh: a request to a Service goes through the routes whose parent is that Service', () => {
    const o = [
      ...objects([]),
      route('HTTPRoute', 'shop', 'split', {
        parentRefs: [{ group: '', kind: 'Service', name: 'web', port: 8080 }],
        rules: [
          {
            matches: [{ headers: [{ name: 'x-canary', value: '1' }] }],
            backendRefs: [{ name: 'canary', port: 8080 }],
          },
          { backendRefs: [{ name: 'web', port: 8080 }] },
        ],
      }),
    ]
    const r = traceRequest(
      analyze(o),
      { kind: 'Service', namespace: 'shop', name: 'web' },
      parseHttpRequest('GET http://web.shop:8080/', [parseHeader('x-canary: 1')]),
    )
    expect(r.route?.name).toBe('split')
    expect(r.backends.map((b) => b.name)).toEqual(['canary'])
  })
})

describe('request parsing', () => {
  it('takes METHOD URL, defaults ports by scheme, and an IP address carries no hostname', () => {
    expect(parseHttpRequest('GET https://Shop.Example.com/a?b=1')).toMatchObject({
      scheme: 'https',
      port: 443,
      host: 'shop.example.com',
      sni: 'shop.example.com',
      path: '/a',
      query: 'b=1',
    })
    expect(parseHttpRequest('http://10.0.0.1/').host).toBeUndefined()
    expect(
      parseHttpRequest('GET http://10.0.0.1:8080/', [parseHeader('Host: shop.example.com:9999')]),
    ).toMatchObject({ host: 'shop.example.com', port: 8080 })
  })

  it('refuses what it cannot read, naming the part', () => {
    expect(() => parseHttpRequest('GET /relative')).toThrow(/not an absolute URL/)
    expect(() => parseHttpRequest('GET ftp://x/')).toThrow(RequestError)
    expect(() => parseHeader('no colon')).toThrow(/Name: value/)
    expect(() => parseHttpRequest('GET http://x:70000/')).toThrow()
  })
})

describe('routing-table findings', () => {
  it('a rule covered by an earlier rule of the same route is ShadowedRule', () => {
    const f = findings(
      analyze(
        objects([
          { backendRefs: [{ name: 'web', port: 8080 }] },
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            backendRefs: [{ name: 'canary', port: 8080 }],
          },
        ]),
      ),
    )
    const shadowed = f.filter((x) => x.code === 'ShadowedRule')
    expect(shadowed.map((x) => x.path)).toEqual(['spec.rules[1]', 'spec.rules[1]'])
    expect(shadowed[0]?.message).toContain('HTTPRoute shop/r rule 0')
  })

  it('a more specific rule after a general one is not shadowed', () => {
    const f = findings(
      analyze(
        objects([
          { backendRefs: [{ name: 'web', port: 8080 }] },
          {
            matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
            backendRefs: [{ name: 'canary', port: 8080 }],
          },
        ]),
      ),
    )
    expect(f.filter((x) => x.code === 'ShadowedRule')).toEqual([])
  })

  it('identical matches in two routes are a PrecedenceTie on the newer one', () => {
    const o = [
      ...objects([{ backendRefs: [{ name: 'web', port: 8080 }] }]),
      {
        ...route(
          'HTTPRoute',
          'shop',
          'copy',
          {
            parentRefs: [{ name: 'edge', sectionName: 'http' }],
            rules: [{ backendRefs: [{ name: 'canary', port: 8080 }] }],
          },
          { creationTimestamp: '2026-05-01T00:00:00Z' },
        ),
      },
    ]
    ;(o[5] as KubeObject).metadata.creationTimestamp = '2026-01-01T00:00:00Z'
    const ties = findings(analyze(o)).filter((x) => x.code === 'PrecedenceTie')
    expect(ties.map((t) => t.object.name)).toEqual(['copy'])
    expect(ties[0]?.message).toContain('creationTimestamp (the older route wins)')
  })
})
