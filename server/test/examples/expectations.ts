// What `gatemap analyze examples/<scenario> --output json` must compute for every example scenario.
// Written from the Gateway API v1.6 semantics (/work/shared/GATEWAY-API-NOTES.md, the apis/v1 doc
// comments and conformance), not from whatever the CLI happens to print: when the two disagree, the
// test fails on purpose.

import type { ConditionStatus, ParentReference } from '@gatemap/shared'

export type { ConditionStatus }

/** An expected condition. `status` or `reason` unset: any value is fine (but the condition must exist). */
export interface Cond {
  status?: ConditionStatus
  reason?: string
}

export const True = (reason?: string): Cond =>
  reason === undefined ? { status: 'True' } : { status: 'True', reason }
export const False = (reason?: string): Cond =>
  reason === undefined ? { status: 'False' } : { status: 'False', reason }
export const Unknown = (reason?: string): Cond =>
  reason === undefined ? { status: 'Unknown' } : { status: 'Unknown', reason }
export const WithReason = (reason: string): Cond => ({ reason })

/** A parentRef as written in the route's spec; defaults are applied before comparing. */
export type ParentRefKey = ParentReference

export interface ParentExpectation {
  parentRef: ParentRefKey
  accepted: Cond
  resolvedRefs: Cond
  /** true: PartiallyInvalid=True/UnsupportedValue. false: absent (or not True). Unset: not checked. */
  partiallyInvalid?: boolean
  /** Unset: not checked (Service parents, parents that do not exist). */
  controllerName?: string
}

export interface RouteExpectation {
  kind: 'HTTPRoute' | 'GRPCRoute' | 'TLSRoute' | 'TCPRoute' | 'UDPRoute'
  namespace: string
  name: string
  /** One entry per spec.parentRefs[] item, each with its own status.parents[] entry. */
  parents: ParentExpectation[]
}

export interface ListenerExpectation {
  name: string
  attachedRoutes: number
  /** Route kinds in the gateway.networking.k8s.io group, compared as a set. Unset: not checked. */
  supportedKinds?: string[]
  /** Unset: not checked. */
  accepted?: Cond
  /** Unset: not checked. */
  resolvedRefs?: Cond
  /** null: not conflicted (Conflicted absent or False; negative polarity). Unset: not checked. */
  conflicted?: Cond | null
}

export interface GatewayExpectation {
  kind: 'Gateway' | 'ListenerSet'
  namespace: string
  name: string
  accepted?: Cond
  /** Every listener of the object, by name (the status must list exactly these). Unset: not checked. */
  listeners?: ListenerExpectation[]
  /**
   * No controller reconciles the object: listener statuses, if listed at all, must not claim
   * Accepted=True (absent or Unknown/Pending) and must count no routes.
   */
  unreconciled?: boolean
}

export interface ScenarioExpectation {
  dir: string
  exitCode: 0 | 1
  gatewayClasses: { name: string; accepted: Cond }[]
  gateways: GatewayExpectation[]
  routes: RouteExpectation[]
  /** `scope/ConditionType/Reason` triples (scope: gateway, listener, route) that must occur somewhere. */
  requiredReasons?: string[]
  /**
   * Comparisons with controller-written status the report (`--output text`) must make: some entry of it
   * (a line naming `object` (`namespace/name`) and the indented lines below it) matches `says`, apart
   * from the object's name.
   */
  statusReports?: { object: string; says: RegExp }[]
  /** Policies (GEP-713) with their computed status.ancestors[], each entry listed. Unset: not checked. */
  policies?: PolicyExpectation[]
  /** The `effectivePolicies` array, each target (`Kind namespace/name[/section]`) with its policies' `Kind name`s. */
  effectivePolicies?: Record<string, string[]>
}

export interface PolicyExpectation {
  kind: string
  namespace: string
  name: string
  /**
   * Every status.ancestors[] entry, in any order; `overridden`: Envoy Gateway's Overridden=True is
   * there (true) or not (false); unset: not checked.
   */
  ancestors: { ancestorRef: ParentRefKey; controllerName: string; accepted: Cond; overridden?: boolean }[]
}

const CONTROLLER = 'example.com/gateway-controller'
const HTTP_KINDS = ['HTTPRoute', 'GRPCRoute']

/** A listener with nothing wrong. */
function healthy(name: string, attachedRoutes: number, supportedKinds: string[]): ListenerExpectation {
  return {
    name,
    attachedRoutes,
    supportedKinds,
    accepted: True('Accepted'),
    resolvedRefs: True('ResolvedRefs'),
    conflicted: null,
  }
}

/** A parentRef that attaches and resolves. `controllerName` null: not checked (mesh parents). */
function attached(parentRef: ParentRefKey, controllerName: string | null = CONTROLLER): ParentExpectation {
  const expectation: ParentExpectation = {
    parentRef,
    accepted: True('Accepted'),
    resolvedRefs: True('ResolvedRefs'),
    partiallyInvalid: false,
  }
  if (controllerName !== null) expectation.controllerName = controllerName
  return expectation
}

/** A parentRef that does not attach although every backend resolves. */
function rejected(parentRef: ParentRefKey, reason: string): ParentExpectation {
  return {
    parentRef,
    accepted: False(reason),
    resolvedRefs: True('ResolvedRefs'),
    partiallyInvalid: false,
    controllerName: CONTROLLER,
  }
}

/** A parentRef that attaches (and counts) but whose backends do not resolve. */
function unresolved(parentRef: ParentRefKey, reason: string): ParentExpectation {
  return {
    parentRef,
    accepted: True('Accepted'),
    resolvedRefs: False(reason),
    partiallyInvalid: false,
    controllerName: CONTROLLER,
  }
}

const exampleClass = [{ name: 'gatemap-example', accepted: True('Accepted') }]

const tcp: ScenarioExpectation = {
  dir: 'tcp',
  exitCode: 0,
  gatewayClasses: exampleClass,
  gateways: [
    {
      kind: 'Gateway',
      namespace: 'tcp-demo',
      name: 'tcp-gateway',
      accepted: True('Accepted'),
      listeners: [healthy('postgres', 1, ['TCPRoute']), healthy('redis', 1, ['TCPRoute'])],
    },
  ],
  routes: [
    {
      kind: 'TCPRoute',
      namespace: 'tcp-demo',
      name: 'postgres',
      parents: [attached({ name: 'tcp-gateway', sectionName: 'postgres' })],
    },
    {
      kind: 'TCPRoute',
      namespace: 'tcp-demo',
      name: 'redis',
      parents: [attached({ name: 'tcp-gateway', port: 6379 })],
    },
  ],
}

const udp: ScenarioExpectation = {
  dir: 'udp',
  exitCode: 0,
  gatewayClasses: exampleClass,
  gateways: [
    {
      kind: 'Gateway',
      namespace: 'udp-infra',
      name: 'dns-gateway',
      accepted: True('Accepted'),
      // UDP and TCP on one port are distinct: no conflict.
      listeners: [healthy('dns-udp', 1, ['UDPRoute']), healthy('dns-tcp', 1, ['TCPRoute'])],
    },
  ],
  routes: [
    {
      kind: 'UDPRoute',
      namespace: 'udp-dns',
      name: 'dns',
      parents: [attached({ name: 'dns-gateway', namespace: 'udp-infra', sectionName: 'dns-udp' })],
    },
    {
      kind: 'TCPRoute',
      namespace: 'udp-dns',
      name: 'dns',
      parents: [attached({ name: 'dns-gateway', namespace: 'udp-infra', sectionName: 'dns-tcp' })],
    },
  ],
}

const grpc: ScenarioExpectation = {
  dir: 'grpc',
  exitCode: 0,
  gatewayClasses: exampleClass,
  gateways: [
    {
      kind: 'Gateway',
      namespace: 'grpc-demo',
      name: 'grpc-gateway',
      accepted: True('Accepted'),
      // allowedRoutes.kinds lists GRPCRoute only.
      listeners: [healthy('https', 2, ['GRPCRoute'])],
    },
  ],
  routes: [
    {
      kind: 'GRPCRoute',
      namespace: 'grpc-demo',
      name: 'inventory',
      parents: [attached({ name: 'grpc-gateway', sectionName: 'https' })],
    },
    {
      kind: 'GRPCRoute',
      namespace: 'grpc-demo',
      name: 'billing',
      parents: [attached({ name: 'grpc-gateway', sectionName: 'https' })],
    },
  ],
}

const mesh: ScenarioExpectation = {
  dir: 'mesh',
  exitCode: 0,
  gatewayClasses: [],
  gateways: [],
  routes: [
    {
      kind: 'HTTPRoute',
      namespace: 'mesh-bookinfo',
      name: 'reviews',
      parents: [attached({ group: '', kind: 'Service', name: 'reviews', port: 9080 }, null)],
    },
    {
      kind: 'GRPCRoute',
      namespace: 'mesh-frontend',
      name: 'ratings',
      // Cross-namespace backends permitted by mesh-bookinfo/allow-frontend-grpcroutes.
      parents: [
        attached(
          { group: '', kind: 'Service', namespace: 'mesh-bookinfo', name: 'ratings', sectionName: 'grpc' },
          null,
        ),
      ],
    },
  ],
}

const sharedGateway: ScenarioExpectation = {
  dir: 'shared-gateway',
  exitCode: 0,
  gatewayClasses: exampleClass,
  gateways: [
    {
      kind: 'Gateway',
      namespace: 'shared-infra',
      name: 'shared-gateway',
      accepted: True('Accepted'),
      listeners: [
        healthy('http', 1, HTTP_KINDS),
        // The certificate in shared-certs is permitted by shared-certs/allow-shared-gateway-certs.
        healthy('https', 1, HTTP_KINDS),
        // allowedRoutes.kinds lists HTTPRoute only.
        healthy('https-api', 1, ['HTTPRoute']),
      ],
    },
  ],
  routes: [
    {
      kind: 'HTTPRoute',
      namespace: 'shared-infra',
      name: 'https-redirect',
      parents: [attached({ name: 'shared-gateway', sectionName: 'http' })],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'shared-store',
      name: 'storefront',
      // shop.example.com does not intersect *.shop.example.com but www.shop.example.com does.
      parents: [attached({ name: 'shared-gateway', namespace: 'shared-infra', sectionName: 'https' })],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'shared-payments',
      name: 'payments-api',
      // No sectionName: `http` admits shared-infra only, `https` shares no hostname; attaches to https-api.
      parents: [attached({ name: 'shared-gateway', namespace: 'shared-infra' })],
    },
  ],
}

const tlsPassthrough: ScenarioExpectation = {
  dir: 'tls-passthrough',
  exitCode: 0,
  gatewayClasses: exampleClass,
  gateways: [
    {
      kind: 'Gateway',
      namespace: 'tls-demo',
      name: 'tls-gateway',
      accepted: True('Accepted'),
      listeners: [healthy('tls', 2, ['TLSRoute'])],
    },
  ],
  routes: [
    {
      kind: 'TLSRoute',
      namespace: 'tls-demo',
      name: 'vault',
      parents: [attached({ name: 'tls-gateway', sectionName: 'tls' })],
    },
    {
      kind: 'TLSRoute',
      namespace: 'tls-demo',
      name: 'kafka',
      parents: [attached({ name: 'tls-gateway' })],
    },
  ],
}

const listenerSet: ScenarioExpectation = {
  dir: 'listenerset',
  exitCode: 0,
  gatewayClasses: exampleClass,
  gateways: [
    {
      kind: 'Gateway',
      namespace: 'ls-infra',
      name: 'ls-gateway',
      accepted: True('Accepted'),
      // A Gateway's status lists its own listeners only; the ListenerSet's are in the ListenerSet's.
      listeners: [healthy('http', 1, HTTP_KINDS)],
    },
    {
      kind: 'ListenerSet',
      namespace: 'ls-team-a',
      name: 'team-a',
      accepted: True('Accepted'),
      listeners: [healthy('https', 1, HTTP_KINDS), healthy('https-admin', 1, HTTP_KINDS)],
    },
  ],
  routes: [
    {
      kind: 'HTTPRoute',
      namespace: 'ls-infra',
      name: 'https-redirect',
      parents: [attached({ name: 'ls-gateway', sectionName: 'http' })],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'ls-team-a',
      name: 'app',
      parents: [attached({ kind: 'ListenerSet', name: 'team-a', sectionName: 'https' })],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'ls-team-a',
      name: 'admin',
      parents: [attached({ kind: 'ListenerSet', name: 'team-a' })],
    },
  ],
}

const backendTls: ScenarioExpectation = {
  dir: 'backend-tls',
  exitCode: 0,
  gatewayClasses: exampleClass,
  gateways: [
    {
      kind: 'Gateway',
      namespace: 'btls-demo',
      name: 'btls-gateway',
      accepted: True('Accepted'),
      listeners: [healthy('https', 2, HTTP_KINDS)],
    },
  ],
  routes: [
    {
      kind: 'HTTPRoute',
      namespace: 'btls-demo',
      name: 'billing',
      parents: [attached({ name: 'btls-gateway' })],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'btls-demo',
      name: 'audit',
      parents: [attached({ name: 'btls-gateway' })],
    },
  ],
  // A Service's policy is reported under the Gateways of the routes that send to it.
  policies: [
    {
      kind: 'BackendTLSPolicy',
      namespace: 'btls-demo',
      name: 'billing-tls',
      ancestors: [
        {
          ancestorRef: { name: 'btls-gateway', namespace: 'btls-demo' },
          controllerName: CONTROLLER,
          accepted: True('Accepted'),
        },
      ],
    },
    {
      kind: 'BackendTLSPolicy',
      namespace: 'btls-demo',
      name: 'audit-tls',
      ancestors: [
        {
          ancestorRef: { name: 'btls-gateway', namespace: 'btls-demo' },
          controllerName: CONTROLLER,
          accepted: True('Accepted'),
        },
      ],
    },
  ],
}

const edgeHttp = { name: 'edge', sectionName: 'http' }

/** Written from GEP-713 and Envoy Gateway's own rules for its kinds (the closest policy applies whole). */
const policies: ScenarioExpectation = {
  dir: 'policies',
  exitCode: 1,
  gatewayClasses: exampleClass,
  gateways: [
    {
      kind: 'Gateway',
      namespace: 'policy-demo',
      name: 'edge',
      accepted: True('Accepted'),
      listeners: [healthy('web', 1, HTTP_KINDS), healthy('admin', 1, HTTP_KINDS)],
    },
  ],
  routes: [
    {
      kind: 'HTTPRoute',
      namespace: 'policy-demo',
      name: 'shop',
      parents: [attached({ name: 'edge', sectionName: 'web' })],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'policy-demo',
      name: 'api',
      parents: [attached({ name: 'edge', sectionName: 'admin' })],
    },
  ],
  policies: [
    // Closer policies of the same kind replace these two somewhere below (Envoy Gateway: Overridden).
    policy('ClientTrafficPolicy', 'edge-clients', { name: 'edge' }, True('Accepted'), true),
    policy('ClientTrafficPolicy', 'admin-clients', { name: 'edge', sectionName: 'admin' }, True('Accepted')),
    policy('BackendTrafficPolicy', 'edge-defaults', { name: 'edge' }, True('Accepted'), true),
    // A route's policy is reported under the Gateway (and listener) its parentRef names.
    policy('BackendTrafficPolicy', 'shop-timeouts', { name: 'edge', sectionName: 'web' }, True('Accepted')),
    policy(
      'BackendTrafficPolicy',
      'shop-timeouts-v2',
      { name: 'edge', sectionName: 'web' },
      False('Conflicted'),
    ),
    {
      kind: 'SecurityPolicy',
      namespace: 'policy-demo',
      name: 'legacy-auth',
      // No Gateway to report under: the missing target stands in, with no real controller.
      ancestors: [
        {
          ancestorRef: {
            group: 'gateway.networking.k8s.io',
            kind: 'HTTPRoute',
            namespace: 'policy-demo',
            name: 'legacy',
          },
          controllerName: 'gatemap.dev/analysis',
          accepted: False('TargetNotFound'),
        },
      ],
    },
  ],
  effectivePolicies: {
    'Gateway policy-demo/edge': ['BackendTrafficPolicy edge-defaults', 'ClientTrafficPolicy edge-clients'],
    'Gateway policy-demo/edge/web': [
      'BackendTrafficPolicy edge-defaults',
      'ClientTrafficPolicy edge-clients',
    ],
    // The listener's own ClientTrafficPolicy replaces the Gateway-wide one there.
    'Gateway policy-demo/edge/admin': [
      'BackendTrafficPolicy edge-defaults',
      'ClientTrafficPolicy admin-clients',
    ],
    // Client traffic settings stop at the listener; the route's BackendTrafficPolicy replaces the Gateway's.
    'HTTPRoute policy-demo/shop': ['BackendTrafficPolicy shop-timeouts'],
    'HTTPRoute policy-demo/api': ['BackendTrafficPolicy edge-defaults'],
    'Service policy-demo/shop': ['BackendTrafficPolicy shop-timeouts'],
    'Service policy-demo/api': ['BackendTrafficPolicy edge-defaults'],
  },
}

function policy(
  kind: string,
  name: string,
  gateway: { name: string; sectionName?: string },
  accepted: Cond,
  overridden = false,
): PolicyExpectation {
  return {
    kind,
    namespace: 'policy-demo',
    name,
    ancestors: [
      {
        ancestorRef: {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          namespace: 'policy-demo',
          ...gateway,
        },
        controllerName: CONTROLLER,
        accepted,
        overridden,
      },
    ],
  }
}

// Routes that compete on one listener; every one is Accepted, and the two routing findings are
// warnings, so the exit code stays 0 (gatemap trace explains who wins; see server/test/cli/trace.test.ts).
const routing: ScenarioExpectation = {
  dir: 'routing',
  exitCode: 0,
  gatewayClasses: exampleClass,
  gateways: [
    {
      kind: 'Gateway',
      namespace: 'routing-demo',
      name: 'edge',
      accepted: True('Accepted'),
      listeners: [healthy('http', 5, HTTP_KINDS)],
    },
  ],
  routes: ['catalog', 'catalog-canary', 'storefront', 'promo-spring', 'promo-summer'].map(
    (name): RouteExpectation => ({
      kind: 'HTTPRoute',
      namespace: 'routing-demo',
      name,
      parents: [attached({ name: 'edge' })],
    }),
  ),
}

const broken: ScenarioExpectation = {
  dir: 'broken',
  exitCode: 1,
  gatewayClasses: exampleClass,
  gateways: [
    {
      kind: 'Gateway',
      namespace: 'broken',
      name: 'edge',
      accepted: True('Accepted'),
      listeners: [
        // Accepted routes only: ingress-style-path (partially invalid), the eight routes with unresolved
        // backends, grant-ok, two-parents (its first parentRef), stale-status and leftover-status.
        healthy('http', 13, HTTP_KINDS),
        // http-on-tcp is an HTTPRoute: not allowed, not counted.
        healthy('tcp', 0, ['TCPRoute']),
      ],
    },
    {
      kind: 'Gateway',
      namespace: 'broken',
      name: 'misconfigured',
      // True or False depending on the implementation; the reason is ListenersNotValid either way.
      accepted: WithReason('ListenersNotValid'),
      listeners: [
        healthy('healthy', 0, HTTP_KINDS),
        {
          name: 'mixed-kinds',
          attachedRoutes: 0,
          supportedKinds: ['HTTPRoute'],
          resolvedRefs: False('InvalidRouteKinds'),
          conflicted: null,
        },
        {
          name: 'unknown-kinds',
          attachedRoutes: 0,
          supportedKinds: [],
          resolvedRefs: False('InvalidRouteKinds'),
          conflicted: null,
        },
        {
          // on-listener-without-cert attaches: listener status does not decide attachment.
          name: 'missing-cert',
          attachedRoutes: 1,
          supportedKinds: HTTP_KINDS,
          resolvedRefs: False('InvalidCertificateRef'),
          conflicted: null,
        },
        {
          name: 'foreign-cert',
          attachedRoutes: 0,
          supportedKinds: HTTP_KINDS,
          resolvedRefs: False('RefNotPermitted'),
          conflicted: null,
        },
        {
          name: 'configmap-cert',
          attachedRoutes: 0,
          supportedKinds: HTTP_KINDS,
          resolvedRefs: False('InvalidCertificateRef'),
          conflicted: null,
        },
        {
          name: 'https-tls-kinds',
          attachedRoutes: 0,
          supportedKinds: [],
          resolvedRefs: False('InvalidRouteKinds'),
          conflicted: null,
        },
        // "ALL indistinct Listeners must not be accepted": both sides of a conflict are Conflicted.
        { name: 'dup-a', attachedRoutes: 0, conflicted: True('HostnameConflict') },
        { name: 'dup-b', attachedRoutes: 0, conflicted: True('HostnameConflict') },
        { name: 'plain-8443', attachedRoutes: 0, conflicted: True('ProtocolConflict') },
        { name: 'tls-8443', attachedRoutes: 0, conflicted: True('ProtocolConflict') },
        {
          name: 'custom-protocol',
          attachedRoutes: 0,
          supportedKinds: [],
          accepted: False('UnsupportedProtocol'),
        },
      ],
    },
    {
      kind: 'Gateway',
      namespace: 'broken',
      name: 'orphan',
      // No GatewayClass `gatemap-exmaple` (a typo): in a cluster no controller ever reconciles it and
      // its status stays the CRD default, Accepted=Unknown/Pending. Offline, a class absent from the
      // inputs is assumed to exist, with a warning that names the class the folder does define.
      accepted: True('Accepted'),
      listeners: [healthy('http', 0, HTTP_KINDS)],
    },
    // 70-listenersets.yaml
    {
      kind: 'Gateway',
      namespace: 'broken',
      name: 'hub',
      // Its own listeners are fine; the conflict is reported on the ListenerSet's listener.
      accepted: True(),
      listeners: [
        healthy('http', 1, HTTP_KINDS),
        healthy('team-only', 2, HTTP_KINDS),
        // The certificate in broken-other is permitted for Gateways by allow-broken-gateways-to-shared-wildcard.
        healthy('https-hub', 1, HTTP_KINDS),
      ],
    },
    {
      kind: 'ListenerSet',
      namespace: 'broken',
      name: 'hub-extra',
      accepted: WithReason('ListenersNotValid'),
      listeners: [
        healthy('https', 1, HTTP_KINDS),
        // The Gateway's own listeners take precedence: only the ListenerSet's listener is conflicted.
        { name: 'http-dup', attachedRoutes: 0, accepted: False(), conflicted: True('HostnameConflict') },
        // The grant permits Gateways from `broken`; it is not inherited by the Gateway's ListenerSets.
        {
          name: 'foreign-https',
          attachedRoutes: 0,
          supportedKinds: HTTP_KINDS,
          resolvedRefs: False('RefNotPermitted'),
          conflicted: null,
        },
      ],
    },
    // Same listener in two ListenerSets: the older one (zz-older) wins although it sorts last by name.
    {
      kind: 'ListenerSet',
      namespace: 'broken',
      name: 'zz-older',
      accepted: True('Accepted'),
      listeners: [healthy('same', 0, HTTP_KINDS)],
    },
    {
      kind: 'ListenerSet',
      namespace: 'broken',
      name: 'aa-newer',
      accepted: WithReason('ListenersNotValid'),
      listeners: [
        { name: 'same', attachedRoutes: 0, accepted: False(), conflicted: True('HostnameConflict') },
      ],
    },
    {
      kind: 'ListenerSet',
      namespace: 'broken-other',
      name: 'hub-rogue',
      accepted: False('NotAllowed'),
    },
  ],
  routes: [
    // 30-routes-attachment.yaml
    {
      kind: 'HTTPRoute',
      namespace: 'broken-other',
      name: 'wrong-namespace',
      parents: [
        rejected({ name: 'edge', namespace: 'broken', sectionName: 'http' }, 'NotAllowedByListeners'),
      ],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'http-on-tcp',
      parents: [rejected({ name: 'edge', sectionName: 'tcp' }, 'NotAllowedByListeners')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'no-such-listener',
      parents: [rejected({ name: 'edge', sectionName: 'https' }, 'NoMatchingParent')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'no-such-port',
      parents: [rejected({ name: 'edge', port: 8443 }, 'NoMatchingParent')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'gateway-typo',
      // The Gateway does not exist, so no controller can claim it: controllerName is not checked.
      parents: [
        {
          parentRef: { name: 'egde' },
          accepted: False('NoMatchingParent'),
          resolvedRefs: True('ResolvedRefs'),
          partiallyInvalid: false,
        },
      ],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'wrong-hostname',
      parents: [rejected(edgeHttp, 'NoMatchingListenerHostname')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'section-and-port-mismatch',
      parents: [rejected({ name: 'edge', sectionName: 'http', port: 9000 }, 'NoMatchingParent')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'apex-hostname',
      parents: [rejected(edgeHttp, 'NoMatchingListenerHostname')],
    },
    {
      kind: 'TLSRoute',
      namespace: 'broken',
      name: 'tls-on-http',
      parents: [rejected(edgeHttp, 'NotAllowedByListeners')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'two-parents',
      parents: [attached(edgeHttp), rejected({ name: 'edge', sectionName: 'tcp' }, 'NotAllowedByListeners')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'on-listener-without-cert',
      parents: [attached({ name: 'misconfigured', sectionName: 'missing-cert' })],
    },
    // 40-routes-rules.yaml
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'ingress-style-path',
      parents: [{ ...attached(edgeHttp), partiallyInvalid: true }],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'all-rules-unsupported',
      // Every rule invalid: Accepted=False, and PartiallyInvalid (valid and invalid rules mixed) does not apply.
      parents: [rejected(edgeHttp, 'UnsupportedValue')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'redirect-and-rewrite',
      parents: [rejected(edgeHttp, 'IncompatibleFilters')],
    },
    // 50-routes-backends.yaml
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'missing-backend',
      parents: [unresolved(edgeHttp, 'BackendNotFound')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'cross-namespace-no-grant',
      parents: [unresolved(edgeHttp, 'RefNotPermitted')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'grant-wrong-kind',
      parents: [unresolved(edgeHttp, 'RefNotPermitted')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'not-a-service',
      parents: [unresolved(edgeHttp, 'InvalidKind')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'custom-protocol',
      parents: [unresolved(edgeHttp, 'UnsupportedProtocol')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'grant-wrong-namespace',
      parents: [unresolved(edgeHttp, 'RefNotPermitted')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'grant-wrong-name',
      parents: [unresolved(edgeHttp, 'RefNotPermitted')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'grant-wrong-group',
      // The core group is "" in Gateway API; "core" names no group.
      parents: [unresolved(edgeHttp, 'RefNotPermitted')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'grant-ok',
      parents: [attached(edgeHttp)],
    },
    // 60-controller-status.yaml: the computed status, whatever the controller wrote.
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'stale-status',
      parents: [attached(edgeHttp)],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'leftover-status',
      // Only the computed entry: the controller's leftover entry for sectionName htpp is not ours.
      parents: [attached(edgeHttp)],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'status-disagrees',
      parents: [rejected(edgeHttp, 'NoMatchingListenerHostname')],
    },
    // 70-listenersets.yaml
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'hub-gateway-parent',
      // A Gateway parentRef never reaches the listeners of its ListenerSets.
      parents: [rejected({ name: 'hub', sectionName: 'https' }, 'NoMatchingParent')],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'hub-whole-gateway',
      // Attaches to hub's http, https-hub and team-only listeners (see their attachedRoutes).
      parents: [attached({ name: 'hub' })],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'hub-listenerset',
      parents: [attached({ kind: 'ListenerSet', name: 'hub-extra', sectionName: 'https' })],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken-other',
      name: 'selector-not-in',
      parents: [
        rejected({ name: 'hub', namespace: 'broken', sectionName: 'team-only' }, 'NotAllowedByListeners'),
      ],
    },
    {
      kind: 'HTTPRoute',
      namespace: 'broken',
      name: 'selector-admitted',
      parents: [attached({ name: 'hub', sectionName: 'team-only' })],
    },
  ],
  requiredReasons: [
    'route/Accepted/NotAllowedByListeners',
    'route/Accepted/NoMatchingParent',
    'route/Accepted/NoMatchingListenerHostname',
    'route/Accepted/UnsupportedValue',
    'route/Accepted/IncompatibleFilters',
    'route/PartiallyInvalid/UnsupportedValue',
    'route/ResolvedRefs/BackendNotFound',
    'route/ResolvedRefs/RefNotPermitted',
    'route/ResolvedRefs/InvalidKind',
    'route/ResolvedRefs/UnsupportedProtocol',
    'listener/ResolvedRefs/InvalidRouteKinds',
    'listener/ResolvedRefs/InvalidCertificateRef',
    'listener/ResolvedRefs/RefNotPermitted',
    'listener/Conflicted/HostnameConflict',
    'listener/Conflicted/ProtocolConflict',
    'listener/Accepted/UnsupportedProtocol',
    'gateway/Accepted/ListenersNotValid',
    'gateway/Accepted/NotAllowed',
  ],
  statusReports: [
    { object: 'broken/stale-status', says: /stale|observedGeneration|older generation|generation 1/i },
    // The controller's only entry is for a parentRef that is no longer in the spec, written for an older
    // generation: still stale, and it should not vanish silently.
    { object: 'broken/leftover-status', says: /stale|observedGeneration|older generation|generation 1/i },
    { object: 'broken/status-disagrees', says: /disagree|controller says/i },
  ],
}

export const SCENARIOS: readonly ScenarioExpectation[] = [
  tcp,
  udp,
  grpc,
  mesh,
  sharedGateway,
  tlsPassthrough,
  listenerSet,
  backendTls,
  broken,
  policies,
  routing,
]
