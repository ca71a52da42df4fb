// What each bundled example must show in the graph: nodes by id and edges by ends and role, written
// out by hand from the scenario's manifests and README (not computed by the code under test).
export interface ExpectedEdge {
  source: string
  target: string
  role: string
  /** Text on the edge (a backend's share), when it has one. */
  label?: string
}

export interface Scenario {
  dir: string
  nodes: string[]
  edges: ExpectedEdge[]
}

const GC = 'GatewayClass:GatewayClass//gatemap-example'

export const SCENARIOS: Scenario[] = [
  {
    dir: 'shared-gateway',
    nodes: [
      GC,
      'Gateway:Gateway/shared-infra/shared-gateway',
      'Listener:Gateway/shared-infra/shared-gateway#http',
      'Listener:Gateway/shared-infra/shared-gateway#https',
      'Listener:Gateway/shared-infra/shared-gateway#https-api',
      'Route:HTTPRoute/shared-store/storefront',
      'Route:HTTPRoute/shared-payments/payments-api',
      'Backend:Service/shared-store/storefront-v1',
      'Backend:Service/shared-store/storefront-v2',
    ],
    edges: [
      { source: GC, target: 'Gateway:Gateway/shared-infra/shared-gateway', role: 'class' },
      {
        source: 'Listener:Gateway/shared-infra/shared-gateway#https',
        target: 'Route:HTTPRoute/shared-store/storefront',
        role: 'attached',
      },
      {
        source: 'Listener:Gateway/shared-infra/shared-gateway#https-api',
        target: 'Route:HTTPRoute/shared-payments/payments-api',
        role: 'attached',
      },
      {
        source: 'Route:HTTPRoute/shared-store/storefront',
        target: 'Backend:Service/shared-store/storefront-v1',
        role: 'backend',
        label: '90%',
      },
    ],
  },
  {
    dir: 'listenerset',
    nodes: [
      'Gateway:Gateway/ls-infra/ls-gateway',
      'ListenerSet:ListenerSet/ls-team-a/team-a',
      'Listener:ListenerSet/ls-team-a/team-a#https',
      'Listener:ListenerSet/ls-team-a/team-a#https-admin',
      'Route:HTTPRoute/ls-team-a/app',
    ],
    edges: [
      {
        source: 'Gateway:Gateway/ls-infra/ls-gateway',
        target: 'ListenerSet:ListenerSet/ls-team-a/team-a',
        role: 'listenerSet',
      },
      {
        source: 'Listener:ListenerSet/ls-team-a/team-a#https',
        target: 'Route:HTTPRoute/ls-team-a/app',
        role: 'attached',
      },
    ],
  },
  {
    dir: 'mesh',
    nodes: [
      'ServiceParent:Service/mesh-bookinfo/reviews',
      'Route:HTTPRoute/mesh-bookinfo/reviews',
      'Route:GRPCRoute/mesh-frontend/ratings',
      'ReferenceGrant:ReferenceGrant/mesh-bookinfo/allow-frontend-grpcroutes',
    ],
    edges: [
      {
        source: 'ServiceParent:Service/mesh-bookinfo/reviews',
        target: 'Route:HTTPRoute/mesh-bookinfo/reviews',
        role: 'attached',
      },
      {
        source: 'Route:HTTPRoute/mesh-bookinfo/reviews',
        target: 'Backend:Service/mesh-bookinfo/reviews-v2',
        role: 'backend',
        label: '10%',
      },
      {
        source: 'ReferenceGrant:ReferenceGrant/mesh-bookinfo/allow-frontend-grpcroutes',
        target: 'Backend:Service/mesh-bookinfo/ratings-v1',
        role: 'grant',
      },
    ],
  },
  {
    dir: 'grpc',
    nodes: [
      'Listener:Gateway/grpc-demo/grpc-gateway#https',
      'Route:GRPCRoute/grpc-demo/inventory',
      'Backend:Service/grpc-demo/inventory-canary',
    ],
    edges: [
      {
        source: 'Listener:Gateway/grpc-demo/grpc-gateway#https',
        target: 'Route:GRPCRoute/grpc-demo/inventory',
        role: 'attached',
      },
    ],
  },
  {
    dir: 'tcp',
    nodes: [
      'Listener:Gateway/tcp-demo/tcp-gateway#postgres',
      'Route:TCPRoute/tcp-demo/postgres',
      'Backend:Service/tcp-demo/postgres',
    ],
    edges: [
      {
        source: 'Listener:Gateway/tcp-demo/tcp-gateway#redis',
        target: 'Route:TCPRoute/tcp-demo/redis',
        role: 'attached',
      },
    ],
  },
  {
    dir: 'udp',
    nodes: [
      'Listener:Gateway/udp-infra/dns-gateway#dns-udp',
      'Route:UDPRoute/udp-dns/dns',
      'Route:TCPRoute/udp-dns/dns',
      'Backend:Service/udp-dns/coredns',
    ],
    edges: [
      {
        source: 'Listener:Gateway/udp-infra/dns-gateway#dns-udp',
        target: 'Route:UDPRoute/udp-dns/dns',
        role: 'attached',
      },
      {
        source: 'Route:TCPRoute/udp-dns/dns',
        target: 'Backend:Service/udp-dns/coredns',
        role: 'backend',
        label: '100%',
      },
    ],
  },
  {
    dir: 'tls-passthrough',
    nodes: [
      'Listener:Gateway/tls-demo/tls-gateway#tls',
      'Route:TLSRoute/tls-demo/vault',
      'Route:TLSRoute/tls-demo/kafka',
    ],
    edges: [
      {
        source: 'Listener:Gateway/tls-demo/tls-gateway#tls',
        target: 'Route:TLSRoute/tls-demo/kafka',
        role: 'attached',
      },
    ],
  },
  {
    dir: 'backend-tls',
    nodes: ['Route:HTTPRoute/btls-demo/billing', 'Policy:BackendTLSPolicy/btls-demo/billing-tls'],
    edges: [
      {
        source: 'Policy:BackendTLSPolicy/btls-demo/billing-tls',
        target: 'Backend:Service/btls-demo/billing',
        role: 'policy',
      },
    ],
  },
]

/** Problems of examples/broken: the route, the condition reason, and a field the explanation must name. */
export const BROKEN: Array<{ route: string; code: string; field: RegExp }> = [
  { route: 'HTTPRoute/broken-other/wrong-namespace', code: 'NotAllowedByListeners', field: /allowedRoutes/ },
  {
    route: 'HTTPRoute/broken/http-on-tcp',
    code: 'NotAllowedByListeners',
    field: /allowedRoutes\.kinds|protocol/,
  },
  { route: 'HTTPRoute/broken/no-such-listener', code: 'NoMatchingParent', field: /sectionName/ },
  { route: 'HTTPRoute/broken/no-such-port', code: 'NoMatchingParent', field: /port/ },
  { route: 'HTTPRoute/broken/gateway-typo', code: 'NoMatchingParent', field: /parentRefs\[0\]/ },
  { route: 'HTTPRoute/broken/wrong-hostname', code: 'NoMatchingListenerHostname', field: /hostname/ },
  { route: 'HTTPRoute/broken/missing-backend', code: 'BackendNotFound', field: /backendRefs/ },
  { route: 'HTTPRoute/broken/cross-namespace-no-grant', code: 'RefNotPermitted', field: /backendRefs/ },
  { route: 'HTTPRoute/broken/redirect-and-rewrite', code: 'IncompatibleFilters', field: /filters/ },
]
