// Route attachment, rule by rule: each row builds a tiny world and names the conditions the route's
// first parentRef must get.
import { describe, expect, it } from 'vitest'
import { analyze, type KubeObject, type RouteStatus } from '../../src/index.ts'
import { backend, gateway, gatewayClass, grant, http, namespace, route, service } from './fixtures.ts'

interface Row {
  name: string
  world: KubeObject[]
  route: KubeObject
  accepted: string
  resolvedRefs?: string
  partiallyInvalid?: string
}

const base = [
  gatewayClass(),
  namespace('infra'),
  namespace('team-a', { team: 'a' }),
  service('infra', 'svc'),
  service('team-a', 'svc'),
]
const httpRoute = (ns: string, spec: Record<string, unknown>) => route('HTTPRoute', ns, 'r', spec)
const parent = (extra: Record<string, unknown> = {}) => ({ name: 'gw', namespace: 'infra', ...extra })
const rules = [{ backendRefs: [backend('svc')] }]

const rows: Row[] = [
  {
    name: 'same namespace, defaults',
    world: [gateway('infra', 'gw', [http('http')])],
    route: httpRoute('infra', { parentRefs: [{ name: 'gw' }], rules }),
    accepted: 'True/Accepted',
    resolvedRefs: 'True/ResolvedRefs',
  },
  {
    name: 'from: Same rejects another namespace',
    world: [gateway('infra', 'gw', [http('http')])],
    route: httpRoute('team-a', { parentRefs: [parent()], rules }),
    accepted: 'False/NotAllowedByListeners',
  },
  {
    name: 'from: All admits another namespace',
    world: [gateway('infra', 'gw', [http('http', { allowedRoutes: { namespaces: { from: 'All' } } })])],
    route: httpRoute('team-a', { parentRefs: [parent()], rules }),
    accepted: 'True/Accepted',
  },
  {
    name: 'Selector matchLabels admits',
    world: [
      gateway('infra', 'gw', [
        http('http', {
          allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'a' } } } },
        }),
      ]),
    ],
    route: httpRoute('team-a', { parentRefs: [parent()], rules }),
    accepted: 'True/Accepted',
  },
  {
    name: 'Selector matchExpressions refuses',
    world: [
      gateway('infra', 'gw', [
        http('http', {
          allowedRoutes: {
            namespaces: {
              from: 'Selector',
              selector: { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] },
            },
          },
        }),
      ]),
    ],
    route: httpRoute('team-a', { parentRefs: [parent()], rules }),
    accepted: 'False/NotAllowedByListeners',
  },
  {
    name: 'Selector on the automatic name label works without a Namespace object',
    world: [
      gateway('infra', 'gw', [
        http('http', {
          allowedRoutes: {
            namespaces: {
              from: 'Selector',
              selector: { matchLabels: { 'kubernetes.io/metadata.name': 'ghost' } },
            },
          },
        }),
      ]),
      service('ghost', 'svc'),
    ],
    route: httpRoute('ghost', { parentRefs: [parent()], rules }),
    accepted: 'True/Accepted',
  },
  {
    name: 'kind not allowed by TCP listener',
    world: [gateway('infra', 'gw', [{ name: 'tcp', port: 9000, protocol: 'TCP' }])],
    route: httpRoute('infra', { parentRefs: [{ name: 'gw' }], rules }),
    accepted: 'False/NotAllowedByListeners',
  },
  {
    name: 'explicit kinds exclude GRPCRoute',
    world: [gateway('infra', 'gw', [http('http', { allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } })])],
    route: route('GRPCRoute', 'infra', 'g', { parentRefs: [{ name: 'gw' }], rules }),
    accepted: 'False/NotAllowedByListeners',
  },
  {
    name: 'sectionName matches nothing',
    world: [gateway('infra', 'gw', [http('http')])],
    route: httpRoute('infra', { parentRefs: [{ name: 'gw', sectionName: 'https' }], rules }),
    accepted: 'False/NoMatchingParent',
  },
  {
    name: 'port matches nothing',
    world: [gateway('infra', 'gw', [http('http')])],
    route: httpRoute('infra', { parentRefs: [{ name: 'gw', port: 81 }], rules }),
    accepted: 'False/NoMatchingParent',
  },
  {
    name: 'sectionName and port must both match',
    world: [gateway('infra', 'gw', [http('http'), http('other', { port: 8080 })])],
    route: httpRoute('infra', { parentRefs: [{ name: 'gw', sectionName: 'http', port: 8080 }], rules }),
    accepted: 'False/NoMatchingParent',
  },
  {
    name: 'missing Gateway',
    world: [],
    route: httpRoute('infra', { parentRefs: [{ name: 'gw' }], rules }),
    accepted: 'False/NoMatchingParent',
  },
  {
    name: 'wildcard listener, subdomain route',
    world: [gateway('infra', 'gw', [http('http', { hostname: '*.example.com' })])],
    route: httpRoute('infra', { parentRefs: [{ name: 'gw' }], hostnames: ['a.b.example.com'], rules }),
    accepted: 'True/Accepted',
  },
  {
    name: 'wildcard listener never matches the bare domain',
    world: [gateway('infra', 'gw', [http('http', { hostname: '*.example.com' })])],
    route: httpRoute('infra', { parentRefs: [{ name: 'gw' }], hostnames: ['example.com'], rules }),
    accepted: 'False/NoMatchingListenerHostname',
  },
  {
    name: 'one intersecting hostname is enough',
    world: [gateway('infra', 'gw', [http('http', { hostname: 'a.example.com' })])],
    route: httpRoute('infra', {
      parentRefs: [{ name: 'gw' }],
      hostnames: ['b.example.com', 'a.example.com'],
      rules,
    }),
    accepted: 'True/Accepted',
  },
  {
    name: 'TCPRoute ignores hostnames',
    world: [gateway('infra', 'gw', [{ name: 'tcp', port: 9000, protocol: 'TCP' }])],
    route: route('TCPRoute', 'infra', 't', { parentRefs: [{ name: 'gw' }], rules }),
    accepted: 'True/Accepted',
    resolvedRefs: 'True/ResolvedRefs',
  },
  {
    name: 'TLSRoute refused on an HTTPS listener',
    world: [
      gateway('infra', 'gw', [
        { name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'c' }] } },
      ]),
    ],
    route: route('TLSRoute', 'infra', 't', {
      parentRefs: [{ name: 'gw' }],
      hostnames: ['a.example.com'],
      rules,
    }),
    accepted: 'False/NotAllowedByListeners',
  },
  {
    name: 'backend missing',
    world: [gateway('infra', 'gw', [http('http')])],
    route: httpRoute('infra', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [backend('nope')] }] }),
    accepted: 'True/Accepted',
    resolvedRefs: 'False/BackendNotFound',
  },
  {
    name: 'backend port missing on Service',
    world: [gateway('infra', 'gw', [http('http')])],
    route: httpRoute('infra', {
      parentRefs: [{ name: 'gw' }],
      rules: [{ backendRefs: [backend('svc', 9999)] }],
    }),
    accepted: 'True/Accepted',
    resolvedRefs: 'False/BackendNotFound',
  },
  {
    name: 'backend of an unknown kind',
    world: [gateway('infra', 'gw', [http('http')])],
    route: httpRoute('infra', {
      parentRefs: [{ name: 'gw' }],
      rules: [{ backendRefs: [backend('svc', 8080, { kind: 'ConfigMap' })] }],
    }),
    accepted: 'True/Accepted',
    resolvedRefs: 'False/InvalidKind',
  },
  {
    name: 'cross-namespace backend without a grant',
    world: [gateway('infra', 'gw', [http('http')])],
    route: httpRoute('infra', {
      parentRefs: [{ name: 'gw' }],
      rules: [{ backendRefs: [backend('svc', 8080, { namespace: 'team-a' })] }],
    }),
    accepted: 'True/Accepted',
    resolvedRefs: 'False/RefNotPermitted',
  },
  {
    name: 'cross-namespace backend with a grant',
    world: [
      gateway('infra', 'gw', [http('http')]),
      grant(
        'team-a',
        'g',
        [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'infra' }],
        [{ group: '', kind: 'Service' }],
      ),
    ],
    route: httpRoute('infra', {
      parentRefs: [{ name: 'gw' }],
      rules: [{ backendRefs: [backend('svc', 8080, { namespace: 'team-a' })] }],
    }),
    accepted: 'True/Accepted',
    resolvedRefs: 'True/ResolvedRefs',
  },
  {
    name: 'grant for another name does not apply',
    world: [
      gateway('infra', 'gw', [http('http')]),
      grant(
        'team-a',
        'g',
        [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'infra' }],
        [{ group: '', kind: 'Service', name: 'other' }],
      ),
    ],
    route: httpRoute('infra', {
      parentRefs: [{ name: 'gw' }],
      rules: [{ backendRefs: [backend('svc', 8080, { namespace: 'team-a' })] }],
    }),
    accepted: 'True/Accepted',
    resolvedRefs: 'False/RefNotPermitted',
  },
  {
    name: 'grant for another route kind does not apply',
    world: [
      gateway('infra', 'gw', [http('http')]),
      grant(
        'team-a',
        'g',
        [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'infra' }],
        [{ group: '', kind: 'Service' }],
      ),
    ],
    route: httpRoute('infra', {
      parentRefs: [{ name: 'gw' }],
      rules: [{ backendRefs: [backend('svc', 8080, { namespace: 'team-a' })] }],
    }),
    accepted: 'True/Accepted',
    resolvedRefs: 'False/RefNotPermitted',
  },
  {
    name: 'ResolvedRefs is set even when not accepted',
    world: [gateway('infra', 'gw', [http('http')])],
    route: httpRoute('team-a', { parentRefs: [parent()], rules: [{ backendRefs: [backend('nope')] }] }),
    accepted: 'False/NotAllowedByListeners',
    resolvedRefs: 'False/BackendNotFound',
  },
  {
    name: 'unsupported appProtocol',
    world: [
      gateway('infra', 'gw', [http('http')]),
      service('infra', 'odd', [{ port: 8080, appProtocol: 'example.com/custom' }]),
    ],
    route: httpRoute('infra', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [backend('odd')] }] }),
    accepted: 'True/Accepted',
    resolvedRefs: 'False/UnsupportedProtocol',
  },
  {
    name: 'one rule with an unsupported value',
    world: [gateway('infra', 'gw', [http('http')])],
    route: httpRoute('infra', {
      parentRefs: [{ name: 'gw' }],
      rules: [
        ...rules,
        { matches: [{ path: { type: 'Glob', value: '/x' } }], backendRefs: [backend('svc')] },
      ],
    }),
    accepted: 'True/Accepted',
    partiallyInvalid: 'True/UnsupportedValue',
  },
  {
    name: 'every rule unsupported',
    world: [gateway('infra', 'gw', [http('http')])],
    route: httpRoute('infra', {
      parentRefs: [{ name: 'gw' }],
      rules: [{ matches: [{ method: 'FETCH' }], backendRefs: [backend('svc')] }],
    }),
    accepted: 'False/UnsupportedValue',
  },
  {
    name: 'redirect and rewrite together',
    world: [gateway('infra', 'gw', [http('http')])],
    route: httpRoute('infra', {
      parentRefs: [{ name: 'gw' }],
      rules: [
        {
          filters: [
            { type: 'RequestRedirect', requestRedirect: {} },
            { type: 'URLRewrite', urlRewrite: {} },
          ],
        },
      ],
    }),
    accepted: 'False/IncompatibleFilters',
  },
  {
    name: 'Service parent (mesh) with a port name',
    world: [service('infra', 'mesh', [{ name: 'web', port: 80 }])],
    route: httpRoute('infra', {
      parentRefs: [{ group: '', kind: 'Service', name: 'mesh', sectionName: 'web' }],
      rules,
    }),
    accepted: 'True/Accepted',
  },
  {
    name: 'Service parent without group "" is a Gateway-group kind',
    world: [service('infra', 'mesh')],
    route: httpRoute('infra', { parentRefs: [{ kind: 'Service', name: 'mesh' }], rules }),
    accepted: 'False/NoMatchingParent',
  },
  {
    name: 'Service parent port name that does not exist',
    world: [service('infra', 'mesh', [{ name: 'web', port: 80 }])],
    route: httpRoute('infra', {
      parentRefs: [{ group: '', kind: 'Service', name: 'mesh', sectionName: 'grpc' }],
      rules,
    }),
    accepted: 'False/NoMatchingParent',
  },
  {
    name: 'Gateway whose class is missing leaves the route pending',
    world: [gateway('infra', 'gw', [http('http')], { gatewayClassName: 'nope' })],
    route: httpRoute('infra', { parentRefs: [{ name: 'gw' }], rules }),
    accepted: 'Unknown/Pending',
  },
]

const show = (c?: { status: string; reason: string }) => (c ? `${c.status}/${c.reason}` : undefined)

describe('route parentRef verdicts', () => {
  it.each(rows)('$name', (row) => {
    const analyzer = analyze([...base, ...row.world, row.route])
    const status = analyzer.statusOf(
      row.route.kind,
      row.route.metadata.namespace,
      row.route.metadata.name,
    ) as RouteStatus
    const conditions = status.parents?.[0]?.conditions ?? []
    expect(show(conditions.find((c) => c.type === 'Accepted'))).toBe(row.accepted)
    if (row.resolvedRefs)
      expect(show(conditions.find((c) => c.type === 'ResolvedRefs'))).toBe(row.resolvedRefs)
    expect(show(conditions.find((c) => c.type === 'PartiallyInvalid'))).toBe(row.partiallyInvalid)
  })

  it('judges each parentRef on its own and counts attachedRoutes per listener', () => {
    const gw = gateway('infra', 'gw', [
      http('a', { hostname: 'a.example.com' }),
      http('b', { port: 81, hostname: 'b.example.com' }),
    ])
    const r = httpRoute('infra', {
      parentRefs: [{ name: 'gw', sectionName: 'a' }, { name: 'gw', sectionName: 'missing' }, { name: 'gw' }],
      hostnames: ['a.example.com'],
      rules,
    })
    const analyzer = analyze([...base, gw, r])
    const status = analyzer.statusOf('HTTPRoute', 'infra', 'r') as RouteStatus
    expect(status.parents?.map((p) => show(p.conditions[0]))).toEqual([
      'True/Accepted',
      'False/NoMatchingParent',
      'True/Accepted',
    ])
    const listeners = analyzer.gateway('infra', 'gw')!.listeners
    // Route counted once on listener a although two parentRefs reach it; listener b's hostname does not match.
    expect(listeners.map((l) => [l.name, l.attachedRoutes])).toEqual([
      ['a', 1],
      ['b', 0],
    ])
  })

  it('explains a missing Gateway with the nearest name', () => {
    const analyzer = analyze([
      ...base,
      gateway('infra', 'edge', [http('http')]),
      httpRoute('infra', { parentRefs: [{ name: 'egde' }], rules }),
    ])
    const parentVerdict = analyzer.route('HTTPRoute', 'infra', 'r')!.parents[0]!
    expect(parentVerdict.accepted.message).toContain('Did you mean Gateway infra/edge?')
    expect(parentVerdict.noStatusExpected).toBeDefined()
  })

  it('suggests again once the Gateways change, not a name kept from before', () => {
    const analyzer = analyze([...base, gateway('infra', 'edge', [http('http')])])
    analyzer.upsert(httpRoute('infra', { parentRefs: [{ name: 'egde' }], rules }) as KubeObject)
    analyzer.refresh()
    const message = () => analyzer.route('HTTPRoute', 'infra', 'r')!.parents[0]!.accepted.message
    expect(message()).toContain('Did you mean Gateway infra/edge?')
    // A closer name appears, and the old one goes: the route is judged again against what is there.
    analyzer.upsert(gateway('infra', 'egdes', [http('http')]) as KubeObject)
    analyzer.remove('Gateway', 'infra', 'edge')
    analyzer.refresh()
    expect(message()).toContain('Did you mean Gateway infra/egdes?')
  })

  it('names the fields on both objects when a listener refuses a namespace', () => {
    const analyzer = analyze([
      ...base,
      gateway('infra', 'gw', [http('http')]),
      httpRoute('team-a', { parentRefs: [parent()], rules }),
    ])
    const failed = analyzer
      .route('HTTPRoute', 'team-a', 'r')!
      .parents[0]!.explain()
      .find((c) => c.outcome === 'fail')!
    expect(failed.message).toContain('allowedRoutes.namespaces.from: Same')
    expect(failed.message).toContain('team-a')
    expect(failed.fields.map((f) => `${f.object.kind}:${f.path}`)).toEqual([
      'HTTPRoute:metadata.namespace',
      'Gateway:spec.listeners[0].allowedRoutes.namespaces.from',
    ])
    expect(failed.fix).toBeTruthy()
  })

  it('reports agreement, disagreement and staleness of controller-written status', () => {
    const written = {
      parents: [
        {
          parentRef: { name: 'gw' },
          controllerName: 'example.com/controller',
          conditions: [
            { type: 'Accepted', status: 'True', reason: 'Accepted', message: '', observedGeneration: 1 },
            {
              type: 'ResolvedRefs',
              status: 'True',
              reason: 'ResolvedRefs',
              message: '',
              observedGeneration: 1,
            },
          ],
        },
      ],
    }
    const r = {
      ...httpRoute('infra', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [backend('nope')] }] }),
      status: written,
    }
    r.metadata.generation = 2
    const analyzer = analyze([...base, gateway('infra', 'gw', [http('http')]), r])
    const comparison = analyzer.route('HTTPRoute', 'infra', 'r')!.parents[0]!.comparison!
    expect(comparison.map((c) => [c.type, c.verdict, c.stale])).toEqual([
      ['Accepted', 'agree', true],
      ['ResolvedRefs', 'disagree', true],
    ])
  })
})
