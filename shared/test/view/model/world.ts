// A small cluster with every kind of node and edge the view handles: two Gateways, routes in three
// team namespaces (one refused, one with a missing backend, one gRPC), a cross-namespace backend
// under a ReferenceGrant and a BackendTLSPolicy.
import {
  analyze,
  buildTopology,
  type Finding,
  findings,
  type KubeObject,
  type Topology,
} from '../../../src/index.ts'
import {
  EMPTY_VIEW_STATE,
  type GraphView,
  type ViewEdge,
  type ViewNode,
  type ViewState,
} from '../../../src/view/model/view-types.ts'
import {
  backend,
  gateway,
  gatewayClass,
  grant,
  http,
  namespace,
  route,
  service,
} from '../../analysis/fixtures.ts'

const tlsPolicy = (ns: string, name: string, service: string): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'BackendTLSPolicy',
  metadata: { namespace: ns, name },
  spec: {
    targetRefs: [{ group: '', kind: 'Service', name: service }],
    validation: { hostname: `${service}.example.com`, wellKnownCACertificates: 'System' },
  },
})

const toGw = (sectionName?: string) => [
  { name: 'gw', namespace: 'infra', ...(sectionName ? { sectionName } : {}) },
]

export const WORLD: KubeObject[] = [
  gatewayClass(),
  ...['infra', 'team-a', 'team-b', 'team-c'].map((n) => namespace(n)),
  gateway('infra', 'gw', [
    http('http', {
      allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'HTTPRoute' }, { kind: 'GRPCRoute' }] },
    }),
    http('admin', { port: 8080, allowedRoutes: { namespaces: { from: 'Same' } } }),
  ]),
  gateway('infra', 'other', [http('web', { allowedRoutes: { namespaces: { from: 'All' } } })]),
  service('team-a', 'api'),
  service('team-a', 'web'),
  service('team-b', 'shop'),
  service('team-c', 'rpc'),
  grant(
    'team-b',
    'allow-a',
    [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'team-a' }],
    [{ group: '', kind: 'Service' }],
  ),
  tlsPolicy('team-a', 'api-tls', 'api'),
  route('HTTPRoute', 'team-a', 'api', {
    parentRefs: toGw('http'),
    hostnames: ['api.example.com'],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
        backendRefs: [
          backend('api', 8080, { weight: 80 }),
          backend('shop', 8080, { weight: 20, namespace: 'team-b' }),
        ],
      },
    ],
  }),
  route('HTTPRoute', 'team-a', 'web', {
    parentRefs: toGw('http'),
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/web' } }], backendRefs: [backend('web')] }],
  }),
  route('HTTPRoute', 'team-a', 'refused', {
    parentRefs: toGw('admin'),
    rules: [{ backendRefs: [backend('web')] }],
  }),
  route('HTTPRoute', 'team-b', 'shop', {
    parentRefs: [{ name: 'other', namespace: 'infra' }],
    hostnames: ['shop.example.com'],
    rules: [{ backendRefs: [backend('shop')] }],
  }),
  route('GRPCRoute', 'team-c', 'rpc', {
    parentRefs: toGw('http'),
    rules: [
      { matches: [{ method: { service: 'pkg.Greeter', method: 'Hello' } }], backendRefs: [backend('rpc')] },
    ],
  }),
  route('HTTPRoute', 'team-c', 'lost', {
    parentRefs: [{ name: 'other', namespace: 'infra' }],
    rules: [{ backendRefs: [backend('nope')] }],
  }),
]

export interface World {
  topology: Topology
  findings: Finding[]
}

export function world(objects: KubeObject[] = WORLD): World {
  const analyzer = analyze(objects)
  return { topology: buildTopology(analyzer), findings: findings(analyzer) }
}

export const state = (over: Partial<ViewState> = {}): ViewState => ({ ...EMPTY_VIEW_STATE, ...over })

/** Node ids by the names the tests use. */
export const ID = {
  gc: 'GatewayClass:GatewayClass//gc',
  gw: 'Gateway:Gateway/infra/gw',
  other: 'Gateway:Gateway/infra/other',
  http: 'Listener:Gateway/infra/gw#http',
  admin: 'Listener:Gateway/infra/gw#admin',
  web: 'Listener:Gateway/infra/other#web',
  apiRoute: 'Route:HTTPRoute/team-a/api',
  webRoute: 'Route:HTTPRoute/team-a/web',
  refused: 'Route:HTTPRoute/team-a/refused',
  shopRoute: 'Route:HTTPRoute/team-b/shop',
  rpcRoute: 'Route:GRPCRoute/team-c/rpc',
  lostRoute: 'Route:HTTPRoute/team-c/lost',
  api: 'Backend:Service/team-a/api',
  webSvc: 'Backend:Service/team-a/web',
  shop: 'Backend:Service/team-b/shop',
  rpc: 'Backend:Service/team-c/rpc',
  nope: 'Backend:Service/team-c/nope',
  grant: 'ReferenceGrant:ReferenceGrant/team-b/allow-a',
  policy: 'Policy:BackendTLSPolicy/team-a/api-tls',
} as const

export const objectIds = (view: GraphView): string[] =>
  view.nodes.filter((n) => n.type === 'object').map((n) => n.id)

export const viewNode = (view: GraphView, id: string): ViewNode | undefined =>
  view.nodes.find((n) => n.id === id)

export const viewEdge = (view: GraphView, source: string, target: string, role: string): ViewEdge[] =>
  view.edges.filter((e) => e.source === source && e.target === target && e.role === role)
