// Everything Gatemap knows per route kind, in one table: which versions are served, whether the kind
// has hostnames, which listener protocols carry it, whether it may have a Service (mesh) parent,
// what its rules match on, in which order precedence compares matches, and which filters it has.
// KNOWN_KINDS' route rows, compatibleRouteKinds, the hostname and mesh kinds, the allowed filters,
// the trace's kinds per protocol and new routes' kind and apiVersion are derived from it.
// Facts from apis/v1/*route_types.go of Gateway API v1.6.1 and its conformance suite.

export type RouteKind = 'HTTPRoute' | 'GRPCRoute' | 'TLSRoute' | 'TCPRoute' | 'UDPRoute'

/** How one route kind's requests are told apart: the inputs of `gatemap trace` for it. */
export type TraceProtocol = 'http' | 'grpc' | 'tls' | 'tcp' | 'udp'

export interface RouteKindFacts {
  kind: RouteKind
  /** Served versions, newest first; older ones are read into the newest shape. */
  versions: readonly string[]
  /** The version a new object gets (the newest one v1.6's standard channel serves). */
  newVersion: string
  /** spec.hostnames exists and narrows the listeners a route attaches to. */
  hostnames: boolean
  /** Listener protocols that carry the kind by default (allowedRoutes.kinds unset). */
  listenerProtocols: readonly string[]
  /** A Service may be its parent (GAMMA). */
  mesh: boolean
  /** On one Service port only one kind's routes apply: the lowest number wins (GEP-1294). */
  meshRank?: number
  /** What a request is traced with for this kind. */
  traceProtocol: TraceProtocol
  /** The request fields a rule's matches read. */
  matchFields: readonly string[]
  /**
   * The steps precedence compares, in order, before the tie-breaks every kind shares (oldest
   * creationTimestamp, then namespace/name, then rule order).
   */
  precedence: readonly string[]
  /** Core and extended filter types. */
  filters: readonly string[]
  /** The most rules a route of the kind may have (the CRD's MaxItems). */
  maxRules: number
}

/** The tie-breaks after a kind's own precedence steps (gateway_types.go, AllowedRoutes). */
export const TIE_BREAKS = ['creationTimestamp', 'namespace/name', 'rule order'] as const

export const ROUTE_KIND_FACTS: readonly RouteKindFacts[] = [
  {
    kind: 'HTTPRoute',
    versions: ['v1', 'v1beta1'],
    newVersion: 'v1',
    hostnames: true,
    listenerProtocols: ['HTTP', 'HTTPS'],
    mesh: true,
    meshRank: 1,
    traceProtocol: 'http',
    matchFields: ['path', 'method', 'headers', 'queryParams'],
    precedence: [
      'hostname (non-wildcard characters)',
      'hostname (characters)',
      'Exact path',
      'PathPrefix length',
      'method',
      'header matches',
      'query param matches',
    ],
    filters: [
      'RequestHeaderModifier',
      'ResponseHeaderModifier',
      'RequestMirror',
      'RequestRedirect',
      'URLRewrite',
      'ExtensionRef',
      'CORS',
      'ExternalAuth',
    ],
    maxRules: 16,
  },
  {
    kind: 'GRPCRoute',
    versions: ['v1', 'v1alpha2'],
    newVersion: 'v1',
    hostnames: true,
    listenerProtocols: ['HTTP', 'HTTPS'],
    mesh: true,
    meshRank: 0,
    traceProtocol: 'grpc',
    matchFields: ['method.service', 'method.method', 'headers'],
    precedence: [
      'hostname (non-wildcard characters)',
      'hostname (characters)',
      'service characters',
      'method characters',
      'header matches',
    ],
    filters: ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'ExtensionRef'],
    maxRules: 16,
  },
  {
    kind: 'TLSRoute',
    versions: ['v1', 'v1alpha3', 'v1alpha2'],
    newVersion: 'v1',
    hostnames: true,
    listenerProtocols: ['TLS'],
    mesh: false,
    meshRank: 2,
    traceProtocol: 'tls',
    matchFields: ['SNI'],
    precedence: ['hostname (non-wildcard characters)', 'hostname (characters)'],
    filters: [],
    maxRules: 1,
  },
  {
    kind: 'TCPRoute',
    versions: ['v1', 'v1alpha2'],
    newVersion: 'v1',
    hostnames: false,
    listenerProtocols: ['TCP'],
    mesh: true,
    meshRank: 3,
    traceProtocol: 'tcp',
    matchFields: [],
    precedence: [],
    filters: [],
    maxRules: 1,
  },
  {
    kind: 'UDPRoute',
    versions: ['v1', 'v1alpha2'],
    newVersion: 'v1',
    hostnames: false,
    listenerProtocols: ['UDP'],
    mesh: false,
    traceProtocol: 'udp',
    matchFields: [],
    precedence: [],
    filters: [],
    maxRules: 1,
  },
]

export const ROUTE_KINDS = [
  'HTTPRoute',
  'GRPCRoute',
  'TLSRoute',
  'TCPRoute',
  'UDPRoute',
] as const satisfies readonly RouteKind[]

const byKind = new Map<string, RouteKindFacts>(ROUTE_KIND_FACTS.map((f) => [f.kind, f]))

/** The facts of a route kind; undefined for anything that is not one. */
export function routeKindFacts(kind: string): RouteKindFacts | undefined {
  return byKind.get(kind)
}

/** Route kinds whose spec.hostnames narrows attachment. */
export const HOSTNAME_ROUTE_KINDS: ReadonlySet<string> = new Set(
  ROUTE_KIND_FACTS.filter((f) => f.hostnames).map((f) => f.kind),
)

/** Route kinds that may have a Service parent. */
export const MESH_ROUTE_KINDS: ReadonlySet<string> = new Set(
  ROUTE_KIND_FACTS.filter((f) => f.mesh).map((f) => f.kind),
)

/** Kinds a listener of this protocol carries by default, in the registry's order. */
export function routeKindsForProtocol(protocol: string): RouteKind[] {
  return ROUTE_KIND_FACTS.filter((f) => f.listenerProtocols.includes(protocol)).map((f) => f.kind)
}

/** The apiVersion a new route of this kind gets. */
export function newRouteApiVersion(kind: RouteKind): string {
  return `gateway.networking.k8s.io/${routeKindFacts(kind)?.newVersion ?? 'v1'}`
}
