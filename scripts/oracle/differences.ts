// The reviewed table of accepted differences between Gatemap and Envoy Gateway; docs/oracle-differences.md
// explains each row. A disagreement is accepted only when a row here covers it. Each row quotes the
// Gateway API text (apis/v1 Go doc comments, gateway-api v1.6.1) that decides it: text that leaves
// the answer to the implementation, text Envoy Gateway does not follow, or, for a row marked
// 'Gatemap bug, to fix', text Gatemap does not follow yet.
import { ABSENT, NO_ENTRY } from './checks.ts'
import type { AcceptedDifference } from './table.ts'

export const ACCEPTED_DIFFERENCES: readonly AcceptedDifference[] = [
  {
    id: 'eg-listener-accepted-unset-when-refs-fail',
    verdict: 'implementation-specific',
    match: { what: 'listener Accepted', gatemap: 'True/Accepted', eg: ABSENT },
    why:
      'A listener whose route kinds or certificate reference cannot be resolved (ResolvedRefs=False/' +
      'InvalidRouteKinds or RefNotPermitted, on which both sides agree) still produces data-plane ' +
      'configuration, so Gatemap says Accepted=True; Envoy Gateway leaves Accepted unset on it. Only ' +
      'Programmed is required to be present.',
    spec: {
      quote:
        'In general, a Listener will be marked as Accepted when the supplied configuration will ' +
        'generate at least some data plane configuration. […] [Programmed] is a positive-polarity ' +
        'summary condition, and so should always be present on the resource',
      source: 'apis/v1 gateway_types.go, ListenerConditionAccepted and ListenerConditionProgrammed',
    },
  },
  {
    id: 'eg-gateway-accepted-counts-unset-listeners',
    verdict: 'Envoy Gateway departs from the spec',
    match: { what: 'Gateway Accepted', gatemap: 'True/Accepted', eg: 'False/ListenersNotValid' },
    why:
      'Envoy Gateway derives Gateway Accepted from its listeners’ Accepted conditions and counts the ' +
      'unset ones of eg-listener-accepted-unset-when-refs-fail as not accepted, so a Gateway whose ' +
      'listeners only fail ResolvedRefs is refused. The spec keeps reference failures out of Accepted.',
    spec: {
      quote:
        '[ResolvedRefs] provides a positive-polarity summary of Listener’s "ResolvedRefs" condition. ' +
        'This condition does not directly impact the Gateway’s Accepted or Programmed conditions.',
      source: 'apis/v1 gateway_types.go, GatewayConditionResolvedRefs',
    },
  },
  {
    id: 'eg-conflicted-listener-accepted-unset',
    verdict: 'Envoy Gateway departs from the spec',
    match: { what: 'listener Accepted', gatemap: /^False\/(HostnameConflict|ProtocolConflict)$/, eg: ABSENT },
    why:
      'Both sides mark the listener Conflicted=True; Gatemap also says it is not Accepted, Envoy ' +
      'Gateway leaves Accepted unset.',
    spec: {
      quote:
        'Additionally, the Listener status for those listeners SHOULD indicate which Listeners are ' +
        'conflicted and not Accepted.',
      source: 'apis/v1 gateway_types.go, GatewaySpec.Listeners ("Listeners are distinct …")',
    },
  },
  {
    id: 'eg-refused-gateway-has-no-listener-status',
    verdict: 'Envoy Gateway departs from the spec',
    match: {
      what: ['listener Accepted', 'listener ResolvedRefs', 'listener Conflicted', 'listener attachedRoutes'],
      eg: NO_ENTRY,
      object: /^Gateway gateway-conformance-infra\/gateway-(invalid-parameters-ref|static-addresses)$/,
    },
    why:
      'Both sides refuse the Gateway as a whole (InvalidParameters; UnsupportedAddress for an address ' +
      'type neither supports). Envoy Gateway then writes no listener status at all; Gatemap still ' +
      'reports each listener.',
    spec: {
      quote: 'Listeners provide status for each unique listener port defined in the Spec.',
      source: 'apis/v1 gateway_types.go, GatewayStatus.Listeners',
    },
  },
  {
    id: 'app-protocol-support',
    verdict: 'implementation-specific',
    match: {
      what: 'route parent ResolvedRefs',
      gatemap: 'False/UnsupportedProtocol',
      eg: 'True/ResolvedRefs',
    },
    why:
      'The backend Service port has appProtocol example.com/custom. Gatemap takes a domain-prefixed ' +
      'appProtocol it does not know as unsupported; Envoy Gateway ignores appProtocols it does not ' +
      'know and proxies plainly.',
    spec: {
      quote:
        'Implementations supporting appProtocol SHOULD recognize the Kubernetes Standard Application ' +
        'Protocols defined in KEP-3726. If a Service appProtocol isn’t specified, an implementation MAY ' +
        'infer the backend protocol through its own means. […] Support for Kubernetes Service ' +
        'appProtocol: Extended',
      source: 'apis/v1 httproute_types.go, HTTPBackendRef',
    },
  },
  {
    id: 'refused-route-rules',
    verdict: 'input the API server refuses',
    match: {
      what: 'route parent Accepted',
      gatemap: /^False\/(UnsupportedValue|IncompatibleFilters)$/,
      eg: 'True/Accepted',
      input: 'examples/broken',
      object: /^HTTPRoute broken\/(all-rules-unsupported|redirect-and-rewrite)$/,
    },
    why:
      'A path match type outside the enum (Prefix, ImplementationSpecific) and RequestRedirect with ' +
      'URLRewrite in one rule: the CRD schema and CEL refuse both, so Envoy Gateway relies on never ' +
      'seeing them and accepts the route; Gatemap, which reads files and clusters with older CRDs, ' +
      'gives the reasons the spec names.',
    spec: {
      quote:
        'Unknown values here must result in the implementation setting the Accepted Condition for ' +
        'the Route to `status: False`, with a Reason of `UnsupportedValue`. […] "IncompatibleFilters" ' +
        'is used with the "Accepted" condition when there are incompatible filters present on a ' +
        'route rule (for example if the URLRewrite and RequestRedirect are both present on an HTTPRoute).',
      source: 'apis/v1 httproute_types.go, PathMatchType; shared_types.go, RouteReasonIncompatibleFilters',
    },
  },
  {
    id: 'refused-route-rules-attached-count',
    verdict: 'input the API server refuses',
    match: {
      what: 'listener attachedRoutes',
      gatemap: '13',
      eg: '15',
      input: 'examples/broken',
      object: 'Gateway broken/edge',
      place: 'listener http',
    },
    why: 'The two routes of refused-route-rules count towards attachedRoutes on Envoy Gateway’s side only.',
    spec: {
      quote:
        'AttachedRoutes represents the total number of Routes that have been successfully attached to this Listener.',
      source: 'apis/v1 gateway_types.go, ListenerStatus.AttachedRoutes',
    },
  },
  {
    id: 'btls-ancestor-for-an-unused-port',
    verdict: 'implementation-specific',
    match: {
      what: ['policy ancestor Accepted', 'policy ancestor ResolvedRefs'],
      eg: NO_ENTRY,
      input: 'policies/backend-tls.yaml',
      object: 'BackendTLSPolicy btls/other-port',
    },
    why:
      'The policy names the Service port metrics, which no route through Gateway btls/edge sends to ' +
      '(its routes send to the https port). Gatemap lists the Gateway as an ancestor because routes ' +
      'through it send to the targeted Service, and reports the missing CA there; Envoy Gateway lists ' +
      'only Gateways whose routes reach the targeted port, so it writes no entry at all.',
    spec: {
      quote:
        'Ancestors is a list of ancestor resources (usually Gateways) that are associated with the ' +
        'policy […] Note that choosing the relevant ancestor is left to the Policy designers',
      source: 'apis/v1 policy_types.go, PolicyStatus.Ancestors',
    },
  },
  {
    id: 'eg-conflicted-btls-no-resolvedrefs',
    verdict: 'implementation-specific',
    match: {
      what: 'policy ancestor ResolvedRefs',
      gatemap: 'True/ResolvedRefs',
      eg: ABSENT,
      input: 'conformance v1.6.1 tests/backendtlspolicy-conflict-resolution.yaml',
      object: /^BackendTLSPolicy gateway-conformance-infra\/conflicted-with(out)?-section-name-2$/,
    },
    why:
      'Both sides mark the losing policy Accepted=False/Conflicted. Gatemap still says its CA ' +
      'references resolve (they do); Envoy Gateway writes only Accepted on a conflicted policy. The ' +
      'spec requires ResolvedRefs False for an invalid reference and Accepted False/Conflicted for ' +
      'the loser, and asks nothing of ResolvedRefs on a loser whose references are fine.',
    spec: {
      quote:
        'For any BackendTLSPolicy that does not take precedence, the implementation MUST ensure the ' +
        '`Accepted` Condition is set to `status: False`, with Reason `Conflicted`.',
      source: 'apis/v1 backendtlspolicy_types.go, BackendTLSPolicySpec.TargetRefs',
    },
  },
]
