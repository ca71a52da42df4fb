// Hand-curated from sigs.k8s.io/gateway-api/conformance v1.6.1 (tests/*.go): for every conformance
// test that asserts route-parent, listener, ListenerSet or Gateway status, what it asserts. One entry
// per conformance test, named by its ShortName, with the manifests it applies. The facts are ours,
// restated in table form; README.md says what was left out and why.
import {
  APP_BACKEND,
  type Assertion,
  acceptedOn,
  attachedListenerSets,
  type ConformanceCase,
  cond,
  type ExpectedCondition,
  GATEWAY_GROUP,
  gateway,
  HEALTHY_LISTENER,
  HTTP_ROUTE_KIND,
  httpRoute,
  INFRA,
  type LeftOut,
  listenerConditions,
  listenerSet,
  listeners,
  noAcceptedParents,
  type ObjectName,
  objectConditions,
  resolvedRefsTrue,
  route,
  routeParent,
  routesAndParentAccepted,
  WEB_BACKEND,
  zeroRoutes,
} from './model.ts'

const m = (name: string) => `tests/${name}.yaml`
const on = (g: ObjectName) => ({ name: g.name, namespace: g.namespace! })
const onLS = (ls: ObjectName) => ({
  group: GATEWAY_GROUP,
  kind: 'ListenerSet',
  name: ls.name,
  namespace: ls.namespace!,
})

// Reasons used more than once
const ACCEPTED_TRUE = cond('Accepted', 'True', 'Accepted')
const NOT_ALLOWED = cond('Accepted', 'False', 'NotAllowedByListeners')
const NO_MATCHING_PARENT = cond('Accepted', 'False', 'NoMatchingParent')
const NO_MATCHING_HOSTNAME = cond('Accepted', 'False', 'NoMatchingListenerHostname')
const RR_TRUE_ANY = cond('ResolvedRefs', 'True')
const LISTENER_OK = [cond('Accepted', 'True'), RR_TRUE_ANY]

/**
 * The common shape of the traffic tests: Gateway*RoutesMustBeAccepted (each route Accepted on the
 * Gateway, every listener of the Gateway ResolvedRefs/Accepted/Programmed True), usually followed by
 * ResolvedRefs=True on each route. The traffic itself is not our business.
 */
function trafficTest(
  test: string,
  manifest: string,
  groups: {
    gateway: string
    routes: string[]
    kind?: string
    resolvedRefs?: boolean
    routeNamespace?: string
  }[],
  extra: Assertion[] = [],
): ConformanceCase {
  const assertions: Assertion[] = []
  for (const g of groups) {
    const kind = g.kind ?? 'HTTPRoute'
    assertions.push(
      ...routesAndParentAccepted(
        gateway(g.gateway),
        g.routes.map((r) => route(kind, r, g.routeNamespace ?? INFRA)),
        { resolvedRefs: g.resolvedRefs ?? kind === 'HTTPRoute' },
      ),
    )
  }
  return { test, manifests: [m(manifest)], assertions: [...assertions, ...extra] }
}

/** GatewayAndTLSRoutesMustBeAccepted checks the route side only (no listener conditions). */
function tlsRoutesAccepted(g: ObjectName, routes: string[], resolvedRefs: boolean): Assertion[] {
  const out: Assertion[] = []
  for (const r of routes) {
    const tr = route('TLSRoute', r)
    out.push(acceptedOn(tr, on(g)))
    if (resolvedRefs) out.push(resolvedRefsTrue(tr, on(g)))
  }
  return out
}

/** ListenerSet{Hostname,Protocol}Conflict: the same four ListenerSets, conflicting one way or the other. */
function listenerSetConflict(kind: 'hostname' | 'protocol'): ConformanceCase {
  const Reason = kind === 'hostname' ? 'HostnameConflict' : 'ProtocolConflict'
  const conflicted: ExpectedCondition[] = [
    cond('Accepted', 'False', Reason),
    cond('Programmed', 'False', Reason),
    cond('Conflicted', 'True', Reason),
  ]
  const gw = gateway(`gateway-with-listenerset-${kind}-conflict`)
  const ls = (suffix: string) => listenerSet(`listenerset-with-${kind}-conflict-with-${suffix}`)
  const withGateway = `${kind}-conflict-with-gateway-listener`
  const withListenerSet = `${kind}-conflict-with-listener-set-listener`
  const lsAccepted = (o: ObjectName) => [
    objectConditions(o, cond('Accepted', 'True')),
    objectConditions(o, cond('Programmed', 'True', 'Programmed')),
  ]
  const lsNotValid = (o: ObjectName) => [
    objectConditions(o, cond('Accepted', 'False', 'ListenersNotValid')),
    objectConditions(o, cond('Programmed', 'False', 'ListenersNotValid')),
  ]
  return {
    test: kind === 'hostname' ? 'ListenerSetHostnameConflict' : 'ListenerSetProtocolConflict',
    manifests: [m(`listenerset-${kind}-conflict`)],
    note:
      'Gateway listeners win over ListenerSet listeners; between ListenerSets the older (then the ' +
      'alphabetically first) wins. A ListenerSet with no valid listener left is not Accepted.',
    assertions: [
      objectConditions(gw, cond('Accepted', 'True')),
      listenerConditions(gw, ['gateway-listener'], HEALTHY_LISTENER),
      listenerConditions(gw, [withGateway], HEALTHY_LISTENER),
      attachedListenerSets(gw, 2),
      ...lsAccepted(ls('gateway-1')),
      listenerConditions(ls('gateway-1'), ['listener-set-1-listener'], HEALTHY_LISTENER),
      listenerConditions(ls('gateway-1'), [withGateway], conflicted),
      listenerConditions(ls('gateway-1'), [withListenerSet], HEALTHY_LISTENER),
      ...lsNotValid(ls('gateway-2')),
      listenerConditions(ls('gateway-2'), [withGateway], conflicted),
      ...lsAccepted(ls('listener-set-1')),
      listenerConditions(ls('listener-set-1'), ['listener-set-2-listener'], HEALTHY_LISTENER),
      listenerConditions(ls('listener-set-1'), [withListenerSet], conflicted),
      ...lsNotValid(ls('listener-set-2')),
      listenerConditions(ls('listener-set-2'), [withListenerSet], conflicted),
    ],
  }
}

/** The ListenerSet "not allowed" trio: Gateway Accepted, nothing attached, the ListenerSet NotAllowed. */
function listenerSetNotAllowed(ls: ObjectName): Assertion[] {
  return [
    objectConditions(ls, cond('Accepted', 'False', 'NotAllowed')),
    objectConditions(ls, cond('Programmed', 'False', 'NotAllowed')),
  ]
}

function lsHealthy(name: string, attachedRoutes: number) {
  return { name, supportedKinds: HTTP_ROUTE_KIND, attachedRoutes, conditions: HEALTHY_LISTENER }
}

export const CASES: ConformanceCase[] = [
  // ------------------------------------------------------------------------------------------
  // Gateway and listener status
  {
    test: 'GatewayListenerUnsupportedProtocol',
    manifests: [m('gateway-invalid-listeners-unsupported-protocol')],
    assertions: [
      objectConditions(
        gateway('gateway-only-unsupported-protocols'),
        cond('Accepted', 'False', 'ListenersNotValid'),
      ),
      listeners(gateway('gateway-only-unsupported-protocols'), [
        {
          name: 'invalid',
          supportedKinds: [],
          attachedRoutes: 0,
          conditions: [cond('Accepted', 'False', 'UnsupportedProtocol')],
        },
      ]),
      objectConditions(
        gateway('gateway-supported-and-unsupported-protocols'),
        cond('Accepted', 'True', 'ListenersNotValid'),
      ),
      listeners(gateway('gateway-supported-and-unsupported-protocols'), [
        {
          name: 'http',
          supportedKinds: HTTP_ROUTE_KIND,
          attachedRoutes: 0,
          conditions: [cond('Accepted', 'True', 'Accepted')],
        },
        {
          name: 'invalid',
          supportedKinds: [],
          attachedRoutes: 0,
          conditions: [cond('Accepted', 'False', 'UnsupportedProtocol')],
        },
      ]),
    ],
  },
  {
    test: 'GatewayInvalidRouteKind',
    manifests: [m('gateway-invalid-route-kind')],
    note: 'An unknown kind in allowedRoutes.kinds is dropped from supportedKinds; the listener stays Accepted.',
    assertions: [
      listeners(gateway('gateway-only-invalid-route-kind'), [
        {
          name: 'http',
          supportedKinds: [],
          attachedRoutes: 0,
          conditions: [cond('ResolvedRefs', 'False', 'InvalidRouteKinds')],
        },
      ]),
      listeners(gateway('gateway-supported-and-invalid-route-kind'), [
        {
          name: 'http',
          supportedKinds: HTTP_ROUTE_KIND,
          attachedRoutes: 0,
          conditions: [cond('ResolvedRefs', 'False', 'InvalidRouteKinds')],
        },
      ]),
    ],
  },
  {
    test: 'GatewayInvalidTLSConfiguration',
    manifests: [m('gateway-invalid-tls-configuration')],
    note: 'Nonexistent, wrong-group, wrong-kind and malformed (bad PEM) certificateRefs all give InvalidCertificateRef.',
    assertions: [
      'gateway-certificate-nonexistent-secret',
      'gateway-certificate-unsupported-group',
      'gateway-certificate-unsupported-kind',
      'gateway-certificate-malformed-secret',
    ].map((name) =>
      listeners(gateway(name), [
        {
          name: 'https',
          supportedKinds: HTTP_ROUTE_KIND,
          attachedRoutes: 0,
          conditions: [cond('ResolvedRefs', 'False', 'InvalidCertificateRef')],
        },
      ]),
    ),
  },
  ...(
    [
      ['GatewaySecretInvalidReferenceGrant', 'gateway-secret-invalid-reference-grant', false],
      ['GatewaySecretMissingReferenceGrant', 'gateway-secret-missing-reference-grant', false],
      ['GatewaySecretReferenceGrantAllInNamespace', 'gateway-secret-reference-grant-all-in-namespace', true],
      ['GatewaySecretReferenceGrantSpecific', 'gateway-secret-reference-grant-specific', true],
    ] as const
  ).map(
    ([test, name, permitted]): ConformanceCase => ({
      test,
      manifests: [m(name)],
      assertions: [
        listeners(gateway(name), [
          {
            name: 'https',
            supportedKinds: HTTP_ROUTE_KIND,
            attachedRoutes: 0,
            conditions: permitted
              ? [cond('Programmed', 'True', 'Programmed'), RR_TRUE_ANY]
              : [cond('ResolvedRefs', 'False', 'RefNotPermitted')],
          },
        ]),
      ],
    }),
  ),
  {
    test: 'GatewayInvalidParametersRef',
    manifests: [m('gateway-invalid-parameters-ref')],
    assertions: [
      objectConditions(
        gateway('gateway-invalid-parameters-ref'),
        cond('Accepted', 'False', 'InvalidParameters'),
      ),
    ],
  },
  {
    test: 'GatewayStaticAddresses',
    manifests: [m('gateway-static-addresses')],
    note:
      'Only the first step: a domain-prefixed address type the implementation does not support refuses the Gateway. ' +
      'The later steps swap in addresses from implementation-provided usable/unusable pools, and Programmed depends on them.',
    assertions: [
      objectConditions(gateway('gateway-static-addresses'), cond('Accepted', 'False', 'UnsupportedAddress')),
    ],
  },
  {
    test: 'GatewayInvalidTLSBackendConfiguration',
    manifests: [m('gateway-invalid-tls-backend-configuration')],
    note: 'A bad spec.tls.backend.clientCertificateRef makes the Gateway ResolvedRefs False but leaves it Accepted.',
    assertions: (
      [
        ['gateway-client-certificate-nonexistent-secret', 'InvalidClientCertificateRef'],
        ['gateway-client-certificate-unsupported-group', 'InvalidClientCertificateRef'],
        ['gateway-client-certificate-unsupported-kind', 'InvalidClientCertificateRef'],
        ['gateway-client-certificate-malformed-secret', 'InvalidClientCertificateRef'],
        ['gateway-client-certificate-missing-reference-grant', 'RefNotPermitted'],
      ] as const
    ).flatMap(([name, reason]) => [
      objectConditions(gateway(name), cond('ResolvedRefs', 'False', reason)),
      objectConditions(gateway(name), cond('Accepted', 'True', 'Accepted')),
    ]),
  },
  {
    test: 'GatewayWithAttachedRoutes',
    manifests: [m('gateway-with-attached-routes')],
    assertions: [
      listeners(gateway('gateway-with-one-attached-route'), [
        { name: 'http', supportedKinds: HTTP_ROUTE_KIND, attachedRoutes: 1, conditions: LISTENER_OK },
      ]),
      listeners(gateway('gateway-with-two-attached-routes'), [
        { name: 'http', supportedKinds: HTTP_ROUTE_KIND, attachedRoutes: 2, conditions: LISTENER_OK },
      ]),
      routeParent(httpRoute('http-route-not-accepted'), on(gateway('gateway-with-two-attached-routes')), [
        NO_MATCHING_HOSTNAME,
      ]),
      listeners(gateway('unresolved-gateway-with-one-attached-unresolved-route'), [
        {
          name: 'tls',
          supportedKinds: HTTP_ROUTE_KIND,
          attachedRoutes: 1,
          conditions: [cond('Programmed', 'False'), cond('ResolvedRefs', 'False')],
        },
      ]),
      routeParent(
        httpRoute('http-route-4'),
        on(gateway('unresolved-gateway-with-one-attached-unresolved-route')),
        [cond('ResolvedRefs', 'False')],
      ),
    ],
  },
  {
    test: 'GatewayWithAttachedRoutesWithPort8080',
    manifests: [m('gateway-with-attached-routes-with-port-8080')],
    assertions: [
      listeners(gateway('gateway-with-two-listeners-and-one-attached-route'), [
        {
          name: 'http-unattached',
          supportedKinds: HTTP_ROUTE_KIND,
          attachedRoutes: 0,
          conditions: LISTENER_OK,
        },
        { name: 'http', supportedKinds: HTTP_ROUTE_KIND, attachedRoutes: 1, conditions: LISTENER_OK },
      ]),
    ],
  },
  {
    test: 'GatewayModifyListeners',
    manifests: [m('gateway-modify-listeners')],
    note: 'State after the Go test patches the Gateways: one gains an HTTP listener, the other loses its HTTPS one.',
    patch: (objects) => {
      const spec = (name: string) =>
        objects.find((o) => o.kind === 'Gateway' && o.metadata.name === name)?.spec as
          | { listeners: Record<string, unknown>[] }
          | undefined
      spec('gateway-add-listener')?.listeners.push({
        name: 'http',
        port: 80,
        protocol: 'HTTP',
        hostname: 'data.test.com',
        allowedRoutes: { namespaces: { from: 'All' } },
      })
      const remove = spec('gateway-remove-listener')
      if (remove) remove.listeners = remove.listeners.filter((l) => l.name === 'http')
    },
    assertions: [
      listeners(gateway('gateway-add-listener'), [
        { name: 'https', supportedKinds: HTTP_ROUTE_KIND, attachedRoutes: 1, conditions: LISTENER_OK },
        { name: 'http', supportedKinds: HTTP_ROUTE_KIND, attachedRoutes: 1, conditions: LISTENER_OK },
      ]),
      listeners(gateway('gateway-remove-listener'), [
        { name: 'http', supportedKinds: HTTP_ROUTE_KIND, attachedRoutes: 1, conditions: LISTENER_OK },
      ]),
    ],
  },
  {
    test: 'GatewayFrontendInvalidDefaultClientCertificateValidation',
    manifests: [m('gateway-invalid-default-frontend-client-certificate-validation')],
    assertions: [
      listenerConditions(gateway('invalid-default-client-validation-config'), ['http'], HEALTHY_LISTENER),
      listenerConditions(
        gateway('invalid-default-client-validation-config'),
        ['https'],
        [
          cond('ResolvedRefs', 'False', 'InvalidCACertificateRef'),
          cond('Accepted', 'False', 'NoValidCACertificate'),
          cond('Programmed', 'False'),
        ],
      ),
    ],
  },
  {
    test: 'GatewayInvalidFrontendClientCertificateValidation',
    manifests: [m('gateway-with-invalid-clientcertificate-validation')],
    assertions: [
      listenerConditions(gateway('gateway-with-invalid-client-cert-validation'), ['https'], HEALTHY_LISTENER),
      ...(
        [
          ['https-unresolved', 'InvalidCACertificateRef'],
          ['https-invalid-kind', 'InvalidCACertificateKind'],
          ['https-grant-missing', 'RefNotPermitted'],
        ] as const
      ).map(([listener, reason]) =>
        listenerConditions(
          gateway('gateway-with-invalid-client-cert-validation'),
          [listener],
          [
            cond('ResolvedRefs', 'False', reason),
            cond('Accepted', 'False', 'NoValidCACertificate'),
            cond('Programmed', 'False'),
          ],
        ),
      ),
    ],
  },
  trafficTest('GatewayFrontendClientCertificateValidation', 'gateway-with-clientcertificate-validation', [
    {
      gateway: 'client-validation-default',
      routes: [
        'client-certificate-validation-https-test',
        'client-certificate-validation-https-test-no-hostname',
      ],
    },
  ]),
  trafficTest(
    'GatewayFrontendClientCertificateValidationInsecureFallback',
    'gateway-with-clientcertificate-validation-insecure-fallback',
    [
      {
        gateway: 'client-validation-insecure-fallback',
        routes: [
          'client-cert-validation-insecure-fallback-test',
          'client-cert-validation-insecure-fallback-test-no-hostname',
        ],
      },
    ],
    [
      objectConditions(
        gateway('client-validation-insecure-fallback'),
        cond('InsecureFrontendValidationMode', 'True', 'ConfigurationChanged'),
      ),
    ],
  ),
  trafficTest(
    'GatewayTLSBackendClientCertificate',
    'gateway-tls-backend-client-certificate',
    [
      {
        gateway: 'gateway-tls-backend-client-certificate',
        routes: ['gateway-tls-backend-client-certificate'],
      },
    ],
    [
      objectConditions(
        gateway('gateway-tls-backend-client-certificate'),
        cond('ResolvedRefs', 'True', 'ResolvedRefs'),
      ),
    ],
  ),
  {
    ...trafficTest('GatewayHTTPListenerIsolation', 'gateway-http-listener-isolation', [
      {
        gateway: 'http-listener-isolation',
        routes: [
          'attaches-to-empty-hostname',
          'attaches-to-wildcard-example-com',
          'attaches-to-wildcard-foo-example-com',
          'attaches-to-abc-foo-example-com',
        ],
      },
      {
        gateway: 'http-listener-isolation-with-hostname-intersection',
        routes: [
          'attaches-to-empty-hostname-with-hostname-intersection',
          'attaches-to-wildcard-example-com-with-hostname-intersection',
          'attaches-to-wildcard-foo-example-com-with-hostname-intersection',
          'attaches-to-abc-foo-example-com-with-hostname-intersection',
        ],
      },
    ]),
    manifests: [
      m('gateway-http-listener-isolation'),
      m('gateway-http-listener-isolation-with-hostname-intersection'),
    ],
  },

  // ------------------------------------------------------------------------------------------
  // HTTPRoute parent status
  {
    test: 'HTTPRouteDisallowedKind',
    manifests: [m('httproute-disallowed-kind')],
    assertions: [
      resolvedRefsTrue(httpRoute('disallowed-kind'), on(gateway('tlsroutes-only'))),
      routeParent(httpRoute('disallowed-kind'), on(gateway('tlsroutes-only')), [NOT_ALLOWED]),
      zeroRoutes(gateway('tlsroutes-only')),
    ],
    notApplicable: [noAcceptedParents(httpRoute('disallowed-kind'))],
  },
  {
    test: 'HTTPRouteInvalidCrossNamespaceParentRef',
    manifests: [m('httproute-invalid-cross-namespace-parent-ref')],
    assertions: [
      resolvedRefsTrue(
        httpRoute('invalid-cross-namespace-parent-ref', WEB_BACKEND),
        on(gateway('same-namespace')),
      ),
      routeParent(
        httpRoute('invalid-cross-namespace-parent-ref', WEB_BACKEND),
        on(gateway('same-namespace')),
        [NOT_ALLOWED],
      ),
      zeroRoutes(gateway('same-namespace')),
    ],
    notApplicable: [noAcceptedParents(httpRoute('invalid-cross-namespace-parent-ref', WEB_BACKEND))],
  },
  {
    test: 'HTTPRouteInvalidParentRefNotMatchingListenerPort',
    manifests: [m('httproute-invalid-parentref-not-matching-listener-port')],
    assertions: [
      resolvedRefsTrue(
        httpRoute('httproute-listener-not-matching-route-port'),
        on(gateway('same-namespace')),
      ),
      routeParent(httpRoute('httproute-listener-not-matching-route-port'), on(gateway('same-namespace')), [
        NO_MATCHING_PARENT,
      ]),
      zeroRoutes(gateway('same-namespace')),
    ],
    notApplicable: [noAcceptedParents(httpRoute('httproute-listener-not-matching-route-port'))],
  },
  {
    test: 'HTTPRouteInvalidParentRefNotMatchingSectionName',
    manifests: [m('httproute-invalid-parentref-not-matching-section-name')],
    assertions: [
      routeParent(httpRoute('httproute-listener-not-matching-section-name'), on(gateway('same-namespace')), [
        NO_MATCHING_PARENT,
      ]),
      zeroRoutes(gateway('same-namespace')),
    ],
    notApplicable: [noAcceptedParents(httpRoute('httproute-listener-not-matching-section-name'))],
  },
  {
    test: 'HTTPRouteInvalidParentRefSectionNameNotMatchingPort',
    manifests: [m('httproute-invalid-parentref-section-name-not-matching-port')],
    assertions: [
      routeParent(
        httpRoute('httproute-listener-section-name-not-matching-port'),
        on(gateway('gateway-with-one-not-matching-port-and-section-name-route')),
        [NO_MATCHING_PARENT],
      ),
      zeroRoutes(gateway('gateway-with-one-not-matching-port-and-section-name-route')),
    ],
    notApplicable: [noAcceptedParents(httpRoute('httproute-listener-section-name-not-matching-port'))],
  },
  ...(
    [
      [
        'HTTPRouteInvalidBackendRefUnknownKind',
        'httproute-invalid-backendref-unknown-kind',
        'invalid-backend-ref-unknown-kind',
        'InvalidKind',
      ],
      [
        'HTTPRouteInvalidCrossNamespaceBackendRef',
        'httproute-invalid-cross-namespace-backend-ref',
        'invalid-cross-namespace-backend-ref',
        'RefNotPermitted',
      ],
      [
        'HTTPRouteInvalidNonExistentBackendRef',
        'httproute-invalid-nonexistent-backendref',
        'invalid-nonexistent-backend-ref',
        'BackendNotFound',
      ],
      [
        'HTTPRouteInvalidReferenceGrant',
        'httproute-invalid-reference-grant',
        'reference-grant',
        'RefNotPermitted',
      ],
      [
        'HTTPRoutePartiallyInvalidViaInvalidReferenceGrant',
        'httproute-partially-invalid-via-invalid-reference-grant',
        'invalid-reference-grant',
        'RefNotPermitted',
      ],
    ] as const
  ).map(([test, manifest, name, reason]) =>
    trafficTest(
      test,
      manifest,
      [{ gateway: 'same-namespace', routes: [name], resolvedRefs: false }],
      [routeParent(httpRoute(name), on(gateway('same-namespace')), [cond('ResolvedRefs', 'False', reason)])],
    ),
  ),
  {
    test: 'HTTPRouteHostnameIntersection',
    manifests: [m('httproute-hostname-intersection')],
    note: 'Only Accepted routes count in attachedRoutes; a route whose hostnames meet no listener is NoMatchingListenerHostname.',
    assertions: [
      ...routesAndParentAccepted(
        gateway('httproute-hostname-intersection'),
        [
          'specific-host-matches-listener-specific-host',
          'specific-host-matches-listener-wildcard-host',
          'wildcard-host-matches-listener-specific-host',
          'wildcard-host-matches-listener-wildcard-host',
        ].map((r) => httpRoute(r)),
        { resolvedRefs: true },
      ),
      routeParent(
        httpRoute('no-intersecting-hosts'),
        { kind: 'Gateway', group: GATEWAY_GROUP, ...on(gateway('httproute-hostname-intersection')) },
        [NO_MATCHING_HOSTNAME],
        'RouteMustHaveParents',
      ),
      listeners(gateway('httproute-hostname-intersection'), [
        { name: 'listener-1', supportedKinds: HTTP_ROUTE_KIND, attachedRoutes: 2, conditions: LISTENER_OK },
        { name: 'listener-2', supportedKinds: HTTP_ROUTE_KIND, attachedRoutes: 1, conditions: LISTENER_OK },
        { name: 'listener-3', supportedKinds: HTTP_ROUTE_KIND, attachedRoutes: 1, conditions: LISTENER_OK },
      ]),
      ...routesAndParentAccepted(
        gateway('httproute-hostname-intersection-all'),
        [httpRoute('httproute-hostname-intersection-all')],
        { resolvedRefs: true },
      ),
    ],
  },
  trafficTest('HTTPRouteCrossNamespace', 'httproute-cross-namespace', [
    { gateway: 'backend-namespaces', routes: ['cross-namespace'], routeNamespace: WEB_BACKEND },
  ]),
  trafficTest('HTTPRouteMultipleGateways', 'httproute-multiple-gateways', [
    {
      gateway: 'same-namespace',
      routes: ['multiple-gateways-shared-route', 'same-namespace-dedicated-route'],
      resolvedRefs: false,
    },
    {
      gateway: 'all-namespaces',
      routes: ['multiple-gateways-shared-route', 'all-namespaces-dedicated-route'],
      resolvedRefs: false,
    },
  ]),
  trafficTest('HTTPRouteListenerHostnameMatching', 'httproute-listener-hostname-matching', [
    { gateway: 'httproute-listener-hostname-matching', routes: ['backend-v1', 'backend-v2', 'backend-v3'] },
  ]),
  trafficTest('HTTPRouteListenerPortMatching', 'httproute-listener-port-matching', [
    { gateway: 'httproute-listener-port-matching', routes: ['backend-v1', 'backend-v2', 'backend-v3'] },
  ]),
  trafficTest('HTTPRouteRedirectPortAndScheme', 'httproute-redirect-port-and-scheme', [
    { gateway: 'same-namespace', routes: ['http-route-for-listener-on-port-80'] },
    {
      gateway: 'same-namespace-with-http-listener-on-8080',
      routes: ['http-route-for-listener-on-port-8080'],
    },
    { gateway: 'same-namespace-with-https-listener', routes: ['http-route-for-listener-on-port-443'] },
  ]),
  trafficTest('HTTPRouteHTTPSListener', 'httproute-https-listener', [
    {
      gateway: 'same-namespace-with-https-listener',
      routes: ['httproute-https-test', 'httproute-https-test-no-hostname'],
    },
  ]),
  trafficTest(
    'HTTPRouteHTTPSListenerDetectMisdirectedRequests',
    'httproute-https-listener-detect-misdirected-requests',
    [
      {
        gateway: 'same-namespace-with-https-listener',
        routes: [1, 2, 3, 4].map((i) => `https-listener-detect-misdirected-requests-test-${i}`),
      },
    ],
  ),
  trafficTest(
    'HTTPRouteCORS',
    'httproute-cors',
    [
      {
        gateway: 'same-namespace',
        routes: ['cors-multiple-origins-methods-headers', 'cors-wildcard-methods'],
      },
    ],
    ['cors-wildcard-origin', 'cors-wildcard-methods-headers'].map((r) =>
      resolvedRefsTrue(httpRoute(r), on(gateway('same-namespace'))),
    ),
  ),
  trafficTest('HTTPRouteMatchingAcrossRoutes', 'httproute-matching-across-routes', [
    { gateway: 'same-namespace', routes: ['matching-part1', 'matching-part2'] },
  ]),
  // One route on the base same-namespace Gateway; the Go test only adds traffic checks.
  ...(
    [
      ['HTTPRoute303Redirect', 'httproute-303-redirect', '303-redirect', true],
      ['HTTPRoute307Redirect', 'httproute-307-redirect', '307-redirect', true],
      ['HTTPRoute308Redirect', 'httproute-308-redirect', '308-redirect', true],
      ['HTTPRouteBackendProtocolH2C', 'httproute-backend-protocol-h2c', 'backend-protocol-h2c', false],
      [
        'HTTPRouteBackendProtocolWebSocket',
        'httproute-backend-protocol-websocket',
        'backend-protocol-ws',
        false,
      ],
      ['HTTPRouteExactPathMatching', 'httproute-exact-path-matching', 'exact-matching', true],
      ['HTTPRouteHeaderMatching', 'httproute-header-matching', 'header-matching', true],
      ['HTTPRouteMatching', 'httproute-matching', 'matching', true],
      ['HTTPRouteMethodMatching', 'httproute-method-matching', 'method-matching', true],
      ['HTTPRouteNamedRule', 'httproute-named-rule', 'http-named-rules', true],
      ['HTTPRouteNoBackendRefs', 'httproute-omitted-backendrefs', 'omitted-backendrefs', true],
      ['HTTPRoutePathMatchOrder', 'httproute-path-match-order', 'path-matching-order', true],
      ['HTTPRouteQueryParamMatching', 'httproute-query-param-matching', 'query-param-matching', true],
      [
        'HTTPRouteRedirectHostAndStatus',
        'httproute-redirect-host-and-status',
        'redirect-host-and-status',
        true,
      ],
      ['HTTPRouteRedirectPath', 'httproute-redirect-path', 'redirect-path', true],
      ['HTTPRouteRedirectPort', 'httproute-redirect-port', 'redirect-port', true],
      ['HTTPRouteRedirectScheme', 'httproute-redirect-scheme', 'redirect-scheme', true],
      ['HTTPRouteReferenceGrant', 'httproute-reference-grant', 'reference-grant', true],
      [
        'HTTPRouteRequestHeaderModifier',
        'httproute-request-header-modifier',
        'request-header-modifier',
        true,
      ],
      [
        'HTTPRouteBackendRequestHeaderModifier',
        'httproute-request-header-modifier-backend',
        'request-header-modifier',
        true,
      ],
      [
        'HTTPRouteRequestHeaderModifierBackendWeights',
        'httproute-request-header-modifier-backend-weights',
        'request-header-modifier-backend-weights',
        true,
      ],
      ['HTTPRouteRequestMirror', 'httproute-request-mirror', 'request-mirror', false],
      [
        'HTTPRouteRequestMultipleMirrors',
        'httproute-request-multiple-mirrors',
        'request-multiple-mirrors',
        false,
      ],
      [
        'HTTPRouteRequestPercentageMirror',
        'httproute-request-percentage-mirror',
        'request-percentage-mirror',
        true,
      ],
      [
        'HTTPRouteResponseHeaderModifier',
        'httproute-response-header-modifier',
        'response-header-modifier',
        true,
      ],
      ['HTTPRouteRetry', 'httproute-retry', 'retries', true],
      ['HTTPRouteRewriteHost', 'httproute-rewrite-host', 'rewrite-host', true],
      ['HTTPRouteRewritePath', 'httproute-rewrite-path', 'rewrite-path', true],
      ['HTTPRouteServiceTypes', 'httproute-service-types', 'service-types', true],
      [
        'HTTPRouteSimpleSameNamespace',
        'httproute-simple-same-namespace',
        'gateway-conformance-infra-test',
        true,
      ],
      [
        'HTTPRouteTimeoutBackendRequest',
        'httproute-timeout-backend-request',
        'backend-request-timeout',
        true,
      ],
      ['HTTPRouteTimeoutRequest', 'httproute-timeout-request', 'request-timeout', true],
      ['HTTPRouteWeight', 'httproute-weight', 'weighted-backends', true],
    ] as const
  ).map(([test, manifest, name, rr]) =>
    trafficTest(test, manifest, [{ gateway: 'same-namespace', routes: [name], resolvedRefs: rr }]),
  ),
  // BackendTLSPolicy tests: only their route and listener side (policy ancestor status is not in scope).
  ...(
    [
      [
        'BackendTLSPolicyConflictResolution',
        'backendtlspolicy-conflict-resolution',
        'same-namespace',
        'backendtlspolicy-conflict-resolution',
        true,
      ],
      [
        'BackendTLSPolicyInvalidCACertificateRef',
        'backendtlspolicy-invalid-ca-certificate-ref',
        'same-namespace',
        'backendtlspolicy-invalid-ca-certificate-ref',
        false,
      ],
      [
        'BackendTLSPolicyInvalidKind',
        'backendtlspolicy-invalid-kind',
        'same-namespace',
        'backendtlspolicy-invalid-kind-test',
        false,
      ],
      [
        'BackendTLSPolicySANValidation',
        'backendtlspolicy-san',
        'same-namespace',
        'backendtlspolicy-san-test',
        true,
      ],
    ] as const
  ).map(([test, manifest, gw, name, rr]) =>
    trafficTest(test, manifest, [{ gateway: gw, routes: [name], resolvedRefs: rr }]),
  ),
  trafficTest('BackendTLSPolicy', 'backendtlspolicy', [
    { gateway: 'same-namespace-with-https-listener', routes: ['backendtlspolicy-reencrypt'] },
    { gateway: 'same-namespace', routes: ['backendtlspolicy'], resolvedRefs: false },
  ]),

  // ------------------------------------------------------------------------------------------
  // GRPCRoute
  ...(
    [
      ['GRPCExactMethodMatching', 'grpcroute-exact-method-matching', 'same-namespace', ['exact-matching']],
      ['GRPCRouteHeaderMatching', 'grpcroute-header-matching', 'same-namespace', ['grpc-header-matching']],
      ['GRPCRouteNamedRule', 'grpcroute-named-rule', 'same-namespace', ['grpc-named-rules']],
      ['GRPCRouteWeight', 'grpcroute-weight', 'same-namespace', ['weighted-backends']],
      [
        'GRPCRouteListenerHostnameMatching',
        'grpcroute-listener-hostname-matching',
        'grpcroute-listener-hostname-matching',
        ['backend-v1', 'backend-v2', 'backend-v3'],
      ],
    ] as const
  ).map(([test, manifest, gw, routes]) =>
    trafficTest(test, manifest, [
      { gateway: gw, routes: [...routes], kind: 'GRPCRoute', resolvedRefs: false },
    ]),
  ),

  // ------------------------------------------------------------------------------------------
  // TLSRoute
  {
    test: 'TLSRouteHostnameIntersection',
    manifests: [m('tlsroute-hostname-intersection')],
    assertions: [
      ...tlsRoutesAccepted(
        gateway('gw-tlsroute-exact-hostname-x-1'),
        ['tlsroute-more-specific-wc-hostname-x-1'],
        true,
      ),
      ...tlsRoutesAccepted(
        gateway('gw-tlsroute-more-specific-wc-hostname-x-2'),
        ['tlsroute-exact-hostname-x-2', 'tlsroute-less-specific-wc-hostname-x-2'],
        true,
      ),
      ...tlsRoutesAccepted(
        gateway('gw-tlsroute-less-specific-wc-hostname-x-3'),
        ['tlsroute-exact-hostname-x-3', 'tlsroute-more-specific-wc-hostname-x-3'],
        true,
      ),
      ...tlsRoutesAccepted(
        gateway('gw-tlsroute-empty-hostname-x-4'),
        ['tlsroute-exact-hostname-x-4', 'tlsroute-less-specific-wc-hostname-x-4'],
        true,
      ),
    ],
  },
  {
    test: 'TLSRouteInvalidBackendRefNonexistent',
    manifests: [m('tlsroute-invalid-backendref-nonexistent')],
    assertions: [
      ...tlsRoutesAccepted(
        gateway('gateway-tlsroute-invalid-backend-ref-nonexistent'),
        ['invalid-backend-ref-nonexistent'],
        false,
      ),
      routeParent(
        route('TLSRoute', 'invalid-backend-ref-nonexistent'),
        on(gateway('gateway-tlsroute-invalid-backend-ref-nonexistent')),
        [cond('ResolvedRefs', 'False', 'BackendNotFound')],
      ),
    ],
  },
  {
    test: 'TLSRouteInvalidBackendRefUnknownKind',
    manifests: [m('tlsroute-invalid-backendref-unknown-kind')],
    assertions: [
      ...tlsRoutesAccepted(
        gateway('gateway-tlsroute-invalid-backend-ref-unknown-kind'),
        ['invalid-backend-ref-unknown-kind'],
        false,
      ),
      routeParent(
        route('TLSRoute', 'invalid-backend-ref-unknown-kind'),
        on(gateway('gateway-tlsroute-invalid-backend-ref-unknown-kind')),
        [cond('ResolvedRefs', 'False', 'InvalidKind')],
      ),
    ],
  },
  {
    test: 'TLSRouteInvalidReferenceGrant',
    manifests: [m('tlsroute-invalid-reference-grant')],
    assertions: [
      ...tlsRoutesAccepted(
        gateway('gateway-tlsroute-referencegrant'),
        ['gateway-conformance-infra-test'],
        false,
      ),
      routeParent(
        route('TLSRoute', 'gateway-conformance-infra-test'),
        on(gateway('gateway-tlsroute-referencegrant')),
        [cond('ResolvedRefs', 'False', 'RefNotPermitted')],
      ),
    ],
  },
  {
    test: 'TLSRouteInvalidNoMatchingListenerHostname',
    manifests: [m('tlsroute-invalid-no-matching-listener-hostname')],
    assertions: [
      routeParent(
        route('TLSRoute', 'tlsroute-hostname-mismatch-1'),
        on(gateway('gateway-tls-exact-hostname')),
        [NO_MATCHING_HOSTNAME],
      ),
      routeParent(
        route('TLSRoute', 'tlsroute-hostname-mismatch-2'),
        on(gateway('gateway-tls-wildcard-hostname')),
        [NO_MATCHING_HOSTNAME],
      ),
      zeroRoutes(gateway('gateway-tls-exact-hostname')),
      zeroRoutes(gateway('gateway-tls-wildcard-hostname')),
    ],
    notApplicable: [
      noAcceptedParents(route('TLSRoute', 'tlsroute-hostname-mismatch-1')),
      noAcceptedParents(route('TLSRoute', 'tlsroute-hostname-mismatch-2')),
    ],
  },
  {
    test: 'TLSRouteInvalidNoMatchingListener',
    manifests: [m('tlsroute-invalid-no-matching-listener')],
    note: 'TLSRoute is not among the kinds an HTTP or HTTPS listener allows.',
    assertions: [
      routeParent(
        route('TLSRoute', 'tlsroute-not-allowed-protocol-http'),
        on(gateway('gateway-tlsroute-http-only')),
        [NOT_ALLOWED],
      ),
      routeParent(
        route('TLSRoute', 'tlsroute-not-allowed-protocol-https'),
        on(gateway('gateway-tlsroute-https-only')),
        [NOT_ALLOWED],
      ),
      routeParent(
        route('TLSRoute', 'tlsroute-no-matching-section-name'),
        on(gateway('gateway-tlsroute-tls-passthrough-only')),
        [NO_MATCHING_PARENT],
      ),
      zeroRoutes(gateway('gateway-tlsroute-http-only')),
      zeroRoutes(gateway('gateway-tlsroute-https-only')),
    ],
    notApplicable: [
      noAcceptedParents(route('TLSRoute', 'tlsroute-not-allowed-protocol-http')),
      noAcceptedParents(route('TLSRoute', 'tlsroute-not-allowed-protocol-https')),
      noAcceptedParents(route('TLSRoute', 'tlsroute-no-matching-section-name')),
    ],
  },
  {
    test: 'TLSRouteListenerPassthroughSupportedKinds',
    manifests: [m('tlsroute-listener-passthrough-supported-kinds')],
    note: 'TCPRoute in the kinds of a TLS Passthrough listener is invalid; TLSRoute stays supported.',
    assertions: [
      listeners(gateway('gateway-tlsroute-passthrough-supported-kind'), [
        {
          name: 'tls-passthrough',
          supportedKinds: [{ kind: 'TLSRoute' }],
          attachedRoutes: 0,
          conditions: [cond('ResolvedRefs', 'False', 'InvalidRouteKinds')],
        },
      ]),
    ],
  },
  {
    test: 'TLSRouteListenerTerminateSupportedKinds',
    manifests: [m('tlsroute-listener-terminate-supported-kinds')],
    assertions: [
      listeners(gateway('gateway-tlsroute-terminate-supported'), [
        {
          name: 'tls-terminate',
          supportedKinds: [{ kind: 'TLSRoute' }],
          attachedRoutes: 0,
          conditions: [cond('Accepted', 'True', 'Accepted')],
        },
      ]),
    ],
  },
  {
    test: 'TLSRouteMixedTerminationSameNamespace',
    manifests: [m('tlsroute-mixed-termination-same-namespace')],
    assertions: [
      ...tlsRoutesAccepted(
        gateway('gateway-tlsroute-mixed-termination'),
        ['gateway-conformance-mixed-passthroughroute'],
        false,
      ),
      listeners(gateway('gateway-tlsroute-mixed-termination'), [
        {
          name: 'tls-terminate',
          supportedKinds: [{ kind: 'TLSRoute' }],
          attachedRoutes: 1,
          conditions: [ACCEPTED_TRUE],
        },
        {
          name: 'tls-passthrough',
          supportedKinds: [{ kind: 'TLSRoute' }],
          attachedRoutes: 1,
          conditions: [ACCEPTED_TRUE],
        },
      ]),
      ...tlsRoutesAccepted(
        gateway('gateway-tlsroute-mixed-termination'),
        ['gateway-conformance-mixed-terminateroute'],
        false,
      ),
    ],
  },
  {
    test: 'TLSRouteSimpleSameNamespace',
    manifests: [m('tlsroute-simple-same-namespace')],
    assertions: tlsRoutesAccepted(gateway('gateway-tlsroute'), ['gateway-conformance-infra-test'], false),
  },
  {
    test: 'TLSRouteTerminateSimpleSameNamespace',
    manifests: [m('tlsroute-terminate-simple-same-namespace')],
    assertions: tlsRoutesAccepted(gateway('gateway-tlsroute-terminate'), ['tlsroute-terminated-test'], false),
  },

  // ------------------------------------------------------------------------------------------
  // TCPRoute
  {
    test: 'TCPRouteInvalidBackendRefNonexistent',
    manifests: [m('tcproute-invalid-backendref-nonexistent')],
    assertions: [
      routeParent(
        route('TCPRoute', 'tcp-route-invalid-backend-ref-nonexistent'),
        on(gateway('tcp-gateway-invalid-backend')),
        [cond('ResolvedRefs', 'False', 'BackendNotFound')],
      ),
    ],
  },
  trafficTest(
    'TCPRouteInvalidCrossNamespaceBackendRef',
    'tcproute-invalid-cross-namespace-backend-ref',
    [
      {
        gateway: 'tcp-invalid-cross-namespace-backend-ref-gateway',
        routes: ['tcp-invalid-cross-namespace-backend-ref'],
        kind: 'TCPRoute',
      },
    ],
    [
      routeParent(
        route('TCPRoute', 'tcp-invalid-cross-namespace-backend-ref'),
        on(gateway('tcp-invalid-cross-namespace-backend-ref-gateway')),
        [cond('ResolvedRefs', 'False', 'RefNotPermitted')],
      ),
    ],
  ),
  {
    test: 'TCPRouteInvalidNonTCPListener',
    manifests: [m('tcproute-invalid-non-tcp-listener')],
    assertions: [
      routeParent(route('TCPRoute', 'tcp-route'), on(gateway('tcp-mixed-protocol-gateway')), [NOT_ALLOWED]),
      zeroRoutes(gateway('tcp-mixed-protocol-gateway')),
    ],
  },
  {
    test: 'TCPRouteMultipleRoutesAttachment',
    manifests: [m('tcproute-multiple-routes-attachment')],
    note: 'Both routes are Accepted and counted; only the older one gets traffic (no condition says so).',
    extraYaml: [
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: TCPRoute',
      'metadata: { name: tcproute-attach-newer, namespace: gateway-conformance-infra }',
      'spec:',
      '  parentRefs: [{ name: tcp-multi-route-attach-gateway, sectionName: tcp }]',
      '  rules: [{ backendRefs: [{ name: tcp-attach-backend-2, port: 3000 }] }]',
    ].join('\n'),
    assertions: [
      ...routesAndParentAccepted(gateway('tcp-multi-route-attach-gateway'), [
        route('TCPRoute', 'tcproute-attach-older'),
      ]),
      acceptedOn(
        route('TCPRoute', 'tcproute-attach-older'),
        on(gateway('tcp-multi-route-attach-gateway')),
        'RouteMustHaveCondition',
      ),
      acceptedOn(
        route('TCPRoute', 'tcproute-attach-newer'),
        on(gateway('tcp-multi-route-attach-gateway')),
        'RouteMustHaveCondition',
      ),
      listeners(gateway('tcp-multi-route-attach-gateway'), [
        {
          name: 'tcp',
          supportedKinds: [{ kind: 'TCPRoute' }],
          attachedRoutes: 2,
          conditions: [ACCEPTED_TRUE],
        },
      ]),
    ],
  },
  {
    test: 'TCPRouteParentRefAttachAll',
    manifests: [m('tcproute-parentref-attach-all')],
    assertions: [
      acceptedOn(
        route('TCPRoute', 'tcp-route-attach-all'),
        on(gateway('tcp-attach-all-gateway')),
        'RouteMustHaveParents',
      ),
    ],
  },
  {
    test: 'TCPRouteParentRefPortAndSectionName',
    manifests: [m('tcproute-parentref-port-and-section-name')],
    assertions: ['tcp-route-by-port', 'tcp-route-by-section', 'tcp-route-by-section-and-port'].map((r) =>
      acceptedOn(route('TCPRoute', r), on(gateway('tcp-multi-listener-gateway')), 'RouteMustHaveParents'),
    ),
  },
  trafficTest('TCPRouteReferenceGrant', 'tcproute-reference-grant', [
    { gateway: 'tcp-reference-grant-gateway', routes: ['tcp-reference-grant'], kind: 'TCPRoute' },
  ]),
  {
    test: 'TCPRouteReferenceGrant',
    manifests: [m('tcproute-reference-grant')],
    variant: 'after the Go test deletes the ReferenceGrant',
    drop: [{ kind: 'ReferenceGrant', namespace: WEB_BACKEND, name: 'tcp-reference-grant' }],
    assertions: [
      routeParent(route('TCPRoute', 'tcp-reference-grant'), on(gateway('tcp-reference-grant-gateway')), [
        cond('ResolvedRefs', 'False', 'RefNotPermitted'),
      ]),
    ],
  },
  trafficTest('TCPRouteWeightedRouting', 'tcproute-weighted-routing', [
    { gateway: 'tcp-weighted-gateway', routes: ['tcp-weighted-route'], kind: 'TCPRoute' },
  ]),

  // ------------------------------------------------------------------------------------------
  // UDPRoute
  {
    test: 'UDPRouteInvalidBackendRefNonexistent',
    manifests: [m('udproute-invalid-backendref-nonexistent')],
    assertions: [
      routeParent(
        route('UDPRoute', 'udp-route-invalid-backend-ref-nonexistent'),
        on(gateway('udp-gateway-invalid-backend')),
        [cond('ResolvedRefs', 'False', 'BackendNotFound')],
      ),
    ],
  },
  trafficTest(
    'UDPRouteInvalidCrossNamespaceBackendRef',
    'udproute-invalid-cross-namespace-backend-ref',
    [
      {
        gateway: 'udp-gateway-invalid-cross-namespace-backend-ref',
        routes: ['udp-route-invalid-cross-namespace-backend-ref'],
        kind: 'UDPRoute',
      },
    ],
    [
      routeParent(
        route('UDPRoute', 'udp-route-invalid-cross-namespace-backend-ref'),
        on(gateway('udp-gateway-invalid-cross-namespace-backend-ref')),
        [cond('ResolvedRefs', 'False', 'RefNotPermitted')],
      ),
    ],
  ),
  {
    test: 'UDPRouteMultipleRoutesAttachment',
    manifests: [m('udproute-multiple-routes-attachment')],
    note: 'Both routes are Accepted and counted; only the older one gets traffic (no condition says so).',
    extraYaml: [
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: UDPRoute',
      'metadata: { name: udproute-attach-newer, namespace: gateway-conformance-infra }',
      'spec:',
      '  parentRefs: [{ name: udp-multi-route-attach-gateway, sectionName: udp }]',
      '  rules: [{ backendRefs: [{ name: udp-attach-backend-2, port: 8080 }] }]',
    ].join('\n'),
    assertions: [
      ...routesAndParentAccepted(gateway('udp-multi-route-attach-gateway'), [
        route('UDPRoute', 'udproute-attach-older'),
      ]),
      acceptedOn(
        route('UDPRoute', 'udproute-attach-older'),
        on(gateway('udp-multi-route-attach-gateway')),
        'RouteMustHaveCondition',
      ),
      acceptedOn(
        route('UDPRoute', 'udproute-attach-newer'),
        on(gateway('udp-multi-route-attach-gateway')),
        'RouteMustHaveCondition',
      ),
      listeners(gateway('udp-multi-route-attach-gateway'), [
        {
          name: 'udp',
          supportedKinds: [{ kind: 'UDPRoute' }],
          attachedRoutes: 2,
          conditions: [ACCEPTED_TRUE],
        },
      ]),
    ],
  },
  {
    test: 'UDPRouteNotAllowedByListeners',
    manifests: [m('udproute-not-allowed-by-listeners')],
    assertions: [
      routeParent(
        route('UDPRoute', 'udproute-not-allowed-by-listeners'),
        on(gateway('udproute-tls-only-gateway')),
        [NOT_ALLOWED],
      ),
      zeroRoutes(gateway('udproute-tls-only-gateway')),
    ],
  },
  {
    test: 'UDPRouteParentRefAttachAllListeners',
    manifests: [m('udproute-parentref-attach-all-listeners')],
    assertions: [
      acceptedOn(
        route('UDPRoute', 'udp-route-attach-all'),
        on(gateway('udp-attach-all-listeners-gateway')),
        'RouteMustHaveParents',
      ),
      listeners(
        gateway('udp-attach-all-listeners-gateway'),
        ['udp-1', 'udp-2', 'udp-3'].map((name) => ({
          name,
          supportedKinds: [{ kind: 'UDPRoute' }],
          attachedRoutes: 1,
          conditions: LISTENER_OK,
        })),
      ),
    ],
  },
  {
    test: 'UDPRouteParentRefPortAndSectionName',
    manifests: [m('udproute-parentref-port-and-section-name')],
    assertions: ['udp-route-by-port', 'udp-route-by-section', 'udp-route-by-section-and-port'].map((r) =>
      acceptedOn(route('UDPRoute', r), on(gateway('udp-multi-listener-gateway')), 'RouteMustHaveParents'),
    ),
  },
  trafficTest(
    'UDPRouteReferenceGrant',
    'udproute-reference-grant',
    [{ gateway: 'udp-gateway-reference-grant', routes: ['udp-route-reference-grant'], kind: 'UDPRoute' }],
    [
      routeParent(
        route('UDPRoute', 'udp-route-reference-grant'),
        on(gateway('udp-gateway-reference-grant')),
        [cond('ResolvedRefs', 'True', 'ResolvedRefs')],
      ),
    ],
  ),
  {
    test: 'UDPRouteReferenceGrant',
    manifests: [m('udproute-reference-grant')],
    variant: 'after the Go test deletes the ReferenceGrant',
    drop: [{ kind: 'ReferenceGrant', namespace: APP_BACKEND, name: 'udp-reference-grant' }],
    assertions: [
      routeParent(
        route('UDPRoute', 'udp-route-reference-grant'),
        on(gateway('udp-gateway-reference-grant')),
        [cond('ResolvedRefs', 'False', 'RefNotPermitted')],
      ),
    ],
  },
  trafficTest('UDPRoute', 'udproute-simple', [
    { gateway: 'udp-gateway', routes: ['udp-coredns'], kind: 'UDPRoute' },
  ]),
  trafficTest('UDPRouteWeightedRouting', 'udproute-weighted-routing', [
    { gateway: 'udp-weighted-gateway', routes: ['udp-weighted-route'], kind: 'UDPRoute' },
  ]),

  // ------------------------------------------------------------------------------------------
  // ListenerSet
  {
    test: 'ListenerSetAllowedNamespaceNone',
    manifests: [m('listenerset-allowed-namespace-none')],
    assertions: [
      objectConditions(gateway('gateway-does-not-allow-listenerset'), cond('Accepted', 'True')),
      attachedListenerSets(gateway('gateway-does-not-allow-listenerset'), 0),
      ...listenerSetNotAllowed(listenerSet('listenerset-not-allowed')),
    ],
  },
  {
    test: 'ListenerSetDefaultNotAllowed',
    manifests: [m('listenerset-default-not-allowed')],
    note: 'A Gateway without spec.allowedListeners admits no ListenerSet.',
    assertions: [
      objectConditions(gateway('gateway-default-does-not-allow-listenerset'), cond('Accepted', 'True')),
      attachedListenerSets(gateway('gateway-default-does-not-allow-listenerset'), 0),
      ...listenerSetNotAllowed(listenerSet('listenerset-default-not-allowed')),
    ],
  },
  {
    test: 'ListenerSetAllowedNamespaceSame',
    manifests: [m('listenerset-allowed-namespace-same')],
    assertions: [
      objectConditions(gateway('gateway-allows-listenerset-in-same-namespace'), cond('Accepted', 'True')),
      attachedListenerSets(gateway('gateway-allows-listenerset-in-same-namespace'), 1),
      objectConditions(listenerSet('listenerset-in-same-namespace'), cond('Accepted', 'True', 'Accepted')),
      objectConditions(
        listenerSet('listenerset-in-same-namespace'),
        cond('Programmed', 'True', 'Programmed'),
      ),
      listenerConditions(
        listenerSet('listenerset-in-same-namespace'),
        ['listenerset-in-same-namespace-listener'],
        HEALTHY_LISTENER,
      ),
      ...listenerSetNotAllowed(
        listenerSet('listenerset-in-different-namespace', 'gateway-api-listenerset-not-allowed-ns'),
      ),
    ],
  },
  {
    test: 'ListenerSetAllowedNamespaceSelector',
    manifests: [m('listenerset-allowed-namespace-selector')],
    assertions: [
      objectConditions(gateway('gateway-allows-listenerset-in-selected-namespace'), cond('Accepted', 'True')),
      attachedListenerSets(gateway('gateway-allows-listenerset-in-selected-namespace'), 1),
      objectConditions(
        listenerSet('listenerset-in-selected-namespace', 'gateway-api-listenerset-selector-allowed-ns'),
        cond('Accepted', 'True', 'Accepted'),
      ),
      objectConditions(
        listenerSet('listenerset-in-selected-namespace', 'gateway-api-listenerset-selector-allowed-ns'),
        cond('Programmed', 'True', 'Programmed'),
      ),
      listenerConditions(
        listenerSet('listenerset-in-selected-namespace', 'gateway-api-listenerset-selector-allowed-ns'),
        ['listenerset-in-selected-namespace-listener'],
        HEALTHY_LISTENER,
      ),
      ...listenerSetNotAllowed(
        listenerSet(
          'listenerset-not-in-selected-namespace',
          'gateway-api-listenerset-selector-not-allowed-ns',
        ),
      ),
    ],
  },
  {
    test: 'ListenerSetAllowedRoutesNamespaces',
    manifests: [m('listenerset-allowed-routes-namespaces')],
    note: 'For a ListenerSet listener, allowedRoutes "Same" means the ListenerSet\'s namespace, not the Gateway\'s.',
    assertions: [
      objectConditions(gateway('gateway-with-listener-sets-test-allowed-routes'), cond('Accepted', 'True')),
      attachedListenerSets(gateway('gateway-with-listener-sets-test-allowed-routes'), 2),
      ...routesAndParentAccepted(
        listenerSet('listenerset-test-allowed-routes-namespaces'),
        [
          httpRoute('route-in-same-namespace'),
          httpRoute('route-in-selected-namespace', 'gateway-api-routes-allowed-ns'),
          httpRoute('route-not-in-selected-namespace', 'gateway-api-routes-not-allowed-ns'),
        ],
        { via: 'RoutesAndParentMustBeAccepted' },
      ),
      listeners(listenerSet('listenerset-test-allowed-routes-namespaces'), [
        lsHealthy('listener-set-listener-allowed-routes-all', 3),
        lsHealthy('listener-set-listener-allowed-routes-same', 1),
        lsHealthy('listener-set-listener-allowed-routes-selector', 1),
      ]),
      ...routesAndParentAccepted(
        listenerSet('listenerset-test-allowed-routes-cross-ns', 'gateway-api-ls-cross-ns'),
        [httpRoute('route-in-listenerset-namespace', 'gateway-api-ls-cross-ns')],
        { via: 'RoutesAndParentMustBeAccepted' },
      ),
      routeParent(
        httpRoute('route-in-gateway-namespace'),
        onLS(listenerSet('listenerset-test-allowed-routes-cross-ns', 'gateway-api-ls-cross-ns')),
        [NOT_ALLOWED],
      ),
      listeners(listenerSet('listenerset-test-allowed-routes-cross-ns', 'gateway-api-ls-cross-ns'), [
        lsHealthy('listener-set-listener-allowed-routes-cross-ns-same', 1),
      ]),
    ],
  },
  {
    test: 'ListenerSetAllowedRoutesSupportedKinds',
    manifests: [m('listenerset-allowed-routes-supported-kinds')],
    assertions: [
      objectConditions(
        gateway('gateway-with-listener-sets-test-supported-route-kinds'),
        cond('Accepted', 'True'),
      ),
      listenerConditions(
        listenerSet('listenerset-test-allowed-routes-supported-kinds'),
        ['listener-set-listener-allowed-routes-tls-only'],
        [cond('ResolvedRefs', 'False', 'InvalidRouteKinds')],
      ),
    ],
  },
  {
    test: 'ListenerSetDualParentRefIndependence',
    manifests: [m('listenerset-dual-parentref-independence')],
    note: 'Each parentRef is judged on its own: a bad Gateway parentRef does not spoil the ListenerSet one.',
    assertions: [
      objectConditions(gateway('gateway-dual-parentref'), cond('Accepted', 'True')),
      attachedListenerSets(gateway('gateway-dual-parentref'), 1),
      listeners(listenerSet('ls-dual-parentref'), [lsHealthy('ls-dual-parentref-listener', 2)]),
      routeParent(httpRoute('route-dual-parentref-both'), on(gateway('gateway-dual-parentref')), [
        cond('Accepted', 'True'),
      ]),
      routeParent(httpRoute('route-dual-parentref-both'), onLS(listenerSet('ls-dual-parentref')), [
        cond('Accepted', 'True'),
      ]),
      routeParent(httpRoute('route-dual-parentref-one'), on(gateway('gateway-dual-parentref')), [
        NO_MATCHING_PARENT,
      ]),
      routeParent(httpRoute('route-dual-parentref-one'), onLS(listenerSet('ls-dual-parentref')), [
        cond('Accepted', 'True'),
      ]),
      ...routesAndParentAccepted(listenerSet('ls-dual-parentref'), [httpRoute('route-dual-parentref-one')], {
        via: 'RoutesAndParentMustBeAccepted',
      }),
    ],
  },
  {
    test: 'ListenerSetGatewayParentSectionNameNotFound',
    manifests: [m('listenerset-gateway-parent-section-name-not-found')],
    note: 'A Gateway parentRef never reaches ListenerSet listeners: a sectionName naming one is NoMatchingParent.',
    assertions: [
      objectConditions(gateway('gateway-section-name'), cond('Accepted', 'True')),
      attachedListenerSets(gateway('gateway-section-name'), 1),
      ...routesAndParentAccepted(
        listenerSet('listenerset-section-name'),
        [httpRoute('route-via-listenerset')],
        {
          via: 'RoutesAndParentMustBeAccepted',
        },
      ),
      routeParent(httpRoute('route-via-gateway'), on(gateway('gateway-section-name')), [NO_MATCHING_PARENT]),
    ],
  },
  listenerSetConflict('hostname'),
  listenerSetConflict('protocol'),
  {
    test: 'ListenerSetHTTPRouting',
    manifests: [m('listenerset-http-routing')],
    assertions: [
      ...routesAndParentAccepted(gateway('gateway-with-listener-sets-http-routing'), [
        httpRoute('attaches-to-all-listeners'),
        httpRoute('gateway-route'),
        httpRoute('gateway-section-route'),
      ]),
      attachedListenerSets(gateway('gateway-with-listener-sets-http-routing'), 2),
      ...routesAndParentAccepted(
        listenerSet('listener-set-http-routing-1'),
        [
          'attaches-to-all-listeners',
          'listener-set-http-routing-1-route',
          'listener-set-http-routing-1-section-route',
        ].map((r) => httpRoute(r)),
        { via: 'RoutesAndParentMustBeAccepted' },
      ),
      listeners(listenerSet('listener-set-http-routing-1'), [
        lsHealthy('listener-set-http-routing-1-listener-1', 3),
        lsHealthy('listener-set-http-routing-1-listener-2', 2),
      ]),
      ...routesAndParentAccepted(
        listenerSet('listener-set-http-routing-2'),
        ['attaches-to-all-listeners', 'listener-set-http-routing-2-route'].map((r) => httpRoute(r)),
        { via: 'RoutesAndParentMustBeAccepted' },
      ),
      listeners(listenerSet('listener-set-http-routing-2'), [
        lsHealthy('listener-set-http-routing-2-listener-1', 2),
        lsHealthy('listener-set-http-routing-2-listener-2', 2),
      ]),
    ],
  },
  {
    test: 'ListenerSetReferenceGrant',
    manifests: [m('listenerset-reference-grant')],
    note: "A ListenerSet in another namespace needs its own ReferenceGrant for a certificate; the Gateway's does not carry over.",
    assertions: [
      objectConditions(gateway('gateway-with-listener-sets-test-reference-grant'), cond('Accepted', 'True')),
      objectConditions(listenerSet('listenerset-with-reference-grant'), cond('Accepted', 'True')),
      objectConditions(listenerSet('listenerset-with-reference-grant'), cond('Programmed', 'True')),
      listenerConditions(
        listenerSet('listenerset-with-reference-grant'),
        ['listenerset-with-reference-grant-listener'],
        [RR_TRUE_ANY],
      ),
      objectConditions(
        listenerSet(
          'listenerset-without-reference-grant',
          'gateway-api-listener-sets-test-reference-grant-ns',
        ),
        cond('Accepted', 'False', 'ListenersNotValid'),
      ),
      objectConditions(
        listenerSet(
          'listenerset-without-reference-grant',
          'gateway-api-listener-sets-test-reference-grant-ns',
        ),
        cond('Programmed', 'False', 'ListenersNotValid'),
      ),
      listenerConditions(
        listenerSet(
          'listenerset-without-reference-grant',
          'gateway-api-listener-sets-test-reference-grant-ns',
        ),
        ['listenerset-without-reference-grant-listener'],
        [cond('ResolvedRefs', 'False', 'RefNotPermitted')],
      ),
    ],
  },
  {
    test: 'ListenerSetRouteStatusScopedToParentRef',
    manifests: [m('listenerset-route-status-scoped-to-parentref')],
    note: 'A route names only the parents it lists: a Gateway-only route gets no ListenerSet entry and vice versa.',
    assertions: [
      objectConditions(gateway('gateway-parentref'), cond('Accepted', 'True')),
      attachedListenerSets(gateway('gateway-parentref'), 1),
      listeners(listenerSet('listenerset-parentref'), [lsHealthy('listenerset-parentref-listener', 1)]),
      routeParent(httpRoute('route-parentref-gwonly'), on(gateway('gateway-parentref')), [
        cond('Accepted', 'True'),
      ]),
      routeParent(
        httpRoute('route-parentref-gwonly'),
        { kind: 'Gateway', group: GATEWAY_GROUP, ...on(gateway('gateway-parentref')) },
        [cond('Accepted', 'True')],
        'RouteMustHaveParents',
      ),
      ...routesAndParentAccepted(
        listenerSet('listenerset-parentref'),
        [httpRoute('route-parentref-lsonly')],
        {
          via: 'RoutesAndParentMustBeAccepted',
        },
      ),
      routeParent(
        httpRoute('route-parentref-lsonly'),
        onLS(listenerSet('listenerset-parentref')),
        [cond('Accepted', 'True')],
        'RouteMustHaveParents',
      ),
    ],
  },
]

/** Conformance tests with no status assertion we can hold an offline verdict to, and why. */
export const LEFT_OUT: LeftOut[] = [
  {
    test: 'GatewayInfrastructure',
    reason: 'not-status',
    detail:
      'checks that spec.infrastructure labels/annotations reach generated Pods/Services (only Accepted=True besides)',
  },
  {
    test: 'GatewayOptionalAddressValue',
    reason: 'not-status',
    detail: 'checks status.addresses assigned by the implementation',
  },
  { test: 'GatewayObservedGenerationBump', reason: 'mutation', detail: 'observedGeneration after a patch' },
  {
    test: 'GatewayClassObservedGenerationBump',
    reason: 'mutation',
    detail: 'observedGeneration after a patch',
  },
  { test: 'HTTPRouteObservedGenerationBump', reason: 'mutation', detail: 'observedGeneration after a patch' },
  {
    test: 'BackendTLSPolicyObservedGenerationBump',
    reason: 'mutation',
    detail: 'observedGeneration after a patch',
  },
  {
    test: 'TLSRouteListenerTerminateNotSupported',
    reason: 'unsupported',
    detail:
      'runs only for implementations without TLS Terminate support; mutually exclusive with ' +
      'TLSRouteListenerTerminateSupportedKinds, which is included (Gatemap models an implementation supporting Terminate)',
  },
  {
    test: 'TLSRouteListenerMixedTerminationNotSupported',
    reason: 'unsupported',
    detail:
      'runs only for implementations without mixed Terminate/Passthrough on one port; mutually exclusive with ' +
      'TLSRouteMixedTerminationSameNamespace, which is included',
  },
  {
    test: 'MeshBasic, MeshPorts, MeshFrontend, … (tests/mesh/*)',
    reason: 'mesh',
    detail: 'mesh traffic only, no status',
  },
]

/** Assertions deliberately not translated, beyond whole tests (for the README counts). */
export const PARTIAL_NOTES: string[] = [
  'BackendTLSPolicy* tests: the policy ancestor conditions (BackendTLSPolicyMustHaveCondition) are out of scope; ' +
    'their route and listener assertions are included.',
  'NamespacesMustBeReady (Gateways in a namespace Programmed, Pods ready) is a readiness precondition, not translated.',
  'WaitForGatewayAddress (an address assigned) is not translated.',
]
