// The topology graph the UI draws: stable ids, columns by role, attached and rejected edges, weights
// as percentages per rule, ReferenceGrant edges and mesh Service parents.
import { describe, expect, it } from 'vitest'
import { analyze, backendShares, buildTopology, type KubeObject } from '../../src/index.ts'
import { backend, gateway, gatewayClass, grant, http, namespace, route, service } from './fixtures.ts'

const world = [
  gatewayClass(),
  namespace('infra'),
  namespace('team-a'),
  gateway('infra', 'gw', [http('http', { allowedRoutes: { namespaces: { from: 'Same' } } })]),
  gateway('infra', 'orphan', [], { gatewayClassName: 'nope' }),
  service('infra', 'v1'),
  service('team-a', 'v2'),
  grant(
    'team-a',
    'g',
    [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'infra' }],
    [{ group: '', kind: 'Service' }],
  ),
  route('HTTPRoute', 'infra', 'split', {
    parentRefs: [{ name: 'gw' }],
    rules: [
      {
        backendRefs: [
          backend('v1', 8080, { weight: 90 }),
          backend('v2', 8080, { weight: 10, namespace: 'team-a' }),
        ],
      },
    ],
  }),
  route('HTTPRoute', 'team-a', 'refused', { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [] }),
  route('HTTPRoute', 'infra', 'typo', {
    parentRefs: [{ name: 'gww' }],
    rules: [{ backendRefs: [backend('gone')] }],
  }),
  service('infra', 'mesh', [{ name: 'web', port: 80 }]),
  route('HTTPRoute', 'infra', 'meshy', {
    parentRefs: [{ group: '', kind: 'Service', name: 'mesh' }],
    rules: [],
  }),
]

const topology = buildTopology(analyze(world))
const node = (id: string) => topology.nodes.find((n) => n.id === id)
const edge = (source: string, target: string, role: string) =>
  topology.edges.find((e) => e.source === source && e.target === target && e.role === role)

describe('buildTopology', () => {
  it('places each role in its column with stable ids', () => {
    expect(
      [
        'GatewayClass:GatewayClass//gc',
        'Gateway:Gateway/infra/gw',
        'Listener:Gateway/infra/gw#http',
        'Route:HTTPRoute/infra/split',
        'Backend:Service/infra/v1',
        'ReferenceGrant:ReferenceGrant/team-a/g',
      ].map((id) => node(id)?.column),
    ).toEqual([0, 1, 2, 3, 4, 5])
    expect(buildTopology(analyze(world)).nodes.map((n) => n.id)).toEqual(topology.nodes.map((n) => n.id))
  })

  it('draws accepted attachments and the listener details', () => {
    expect(edge('Listener:Gateway/infra/gw#http', 'Route:HTTPRoute/infra/split', 'attached')?.health).toBe(
      'ok',
    )
    expect(node('Listener:Gateway/infra/gw#http')?.detail).toMatchObject({
      protocol: 'HTTP',
      port: 80,
      attachedRoutes: 1,
    })
  })

  it('shows weights as percentages and the ReferenceGrant behind a cross-namespace backend', () => {
    const toV1 = edge('Route:HTTPRoute/infra/split', 'Backend:Service/infra/v1', 'backend')
    const toV2 = edge('Route:HTTPRoute/infra/split', 'Backend:Service/team-a/v2', 'backend')
    expect([toV1?.percent, toV2?.percent]).toEqual([90, 10])
    expect(toV2?.grant).toBe('ReferenceGrant:ReferenceGrant/team-a/g')
    expect(edge('ReferenceGrant:ReferenceGrant/team-a/g', 'Backend:Service/team-a/v2', 'grant')).toBeDefined()
  })

  it('draws rejected attachments to the listener they aimed at, and to a placeholder for a missing parent', () => {
    expect(edge('Listener:Gateway/infra/gw#http', 'Route:HTTPRoute/team-a/refused', 'rejected')?.health).toBe(
      'error',
    )
    expect(node('Route:HTTPRoute/team-a/refused')?.health).toBe('error')
    expect(node('Gateway:Gateway/infra/gww')?.health).toBe('missing')
    expect(edge('Gateway:Gateway/infra/gww', 'Route:HTTPRoute/infra/typo', 'rejected')).toBeDefined()
    expect(node('Backend:Service/infra/gone')?.health).toBe('missing')
  })

  it('marks a GatewayClass that does not exist', () => {
    expect(node('GatewayClass:GatewayClass//nope')?.health).toBe('missing')
    expect(edge('GatewayClass:GatewayClass//nope', 'Gateway:Gateway/infra/orphan', 'class')?.health).toBe(
      'missing',
    )
  })

  it('puts mesh routes in their own lane under a Service parent', () => {
    expect(node('ServiceParent:Service/infra/mesh')).toMatchObject({ column: 2, mesh: true })
    expect(node('Route:HTTPRoute/infra/meshy')?.mesh).toBe(true)
    expect(edge('ServiceParent:Service/infra/mesh', 'Route:HTTPRoute/infra/meshy', 'attached')).toBeDefined()
  })

  it.each([
    [
      'disagrees',
      { type: 'Accepted', status: 'False', reason: 'Invalid', message: '', observedGeneration: 2 },
      true,
      false,
    ],
    [
      'is stale',
      { type: 'Accepted', status: 'True', reason: 'Accepted', message: '', observedGeneration: 1 },
      false,
      true,
    ],
    [
      'agrees',
      { type: 'Accepted', status: 'True', reason: 'Accepted', message: '', observedGeneration: 2 },
      false,
      false,
    ],
  ])('says when a Gateway’s controller status %s', (_name, condition, disagrees, stale) => {
    const gw = gateway('infra', 'gw', [http('http')])
    gw.metadata.generation = 2
    ;(gw as { status?: unknown }).status = { conditions: [condition] }
    const n = buildTopology(analyze([gatewayClass(), namespace('infra'), gw])).nodes.find(
      (x) => x.id === 'Gateway:Gateway/infra/gw',
    )
    expect([n?.disagrees, n?.stale]).toEqual([disagrees, stale])
  })

  it('gives each backend its share of its own rule, and 0 where a rule weighs nothing', () => {
    expect(
      backendShares([
        { rule: 0, weight: 1 },
        { rule: 0, weight: 2 },
        { rule: 1, weight: 5 },
        { rule: 2, weight: 0 },
      ]),
    ).toEqual([33.3, 66.7, 100, 0])
  })
})

describe('a ListenerSet its Gateway does not admit', () => {
  const set = (namespace: string, name: string): KubeObject => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'ListenerSet',
    metadata: { namespace, name },
    spec: {
      parentRef: { name: 'gw', namespace: 'infra' },
      listeners: [{ name: 'http', protocol: 'HTTP', port: 8088, hostname: 'rogue.example.com' }],
    },
  })
  const world = [
    gatewayClass(),
    namespace('infra'),
    namespace('other'),
    // allowedListeners unset: a Gateway admits no ListenerSets.
    gateway('infra', 'gw', [http('http')]),
    set('other', 'rogue'),
  ]
  const topology = buildTopology(analyze(world))

  it('still draws its listeners, refused with the set’s reason', () => {
    const id = 'Listener:ListenerSet/other/rogue#http'
    const listener = topology.nodes.find((n) => n.id === id)
    expect(listener?.health).toBe('error')
    expect(listener?.detail).toMatchObject({ protocol: 'HTTP', port: 8088, hostname: 'rogue.example.com' })
    expect(listener?.detail.notServed).toBe('not served: NotAllowed')
    const edge = topology.edges.find((e) => e.target === id)
    expect(edge).toMatchObject({
      source: 'ListenerSet:ListenerSet/other/rogue',
      role: 'listener',
      health: 'error',
    })
    expect(topology.edges.find((e) => e.target === 'ListenerSet:ListenerSet/other/rogue')?.health).toBe(
      'error',
    )
  })
})
