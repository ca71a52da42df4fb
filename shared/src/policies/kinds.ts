// Which kinds are policies (GEP-713 policy attachment) and what each may do: the implementations'
// own kinds, known without their CRDs, and any kind whose CRD carries the policy label. Everything
// else about a policy kind (targets, inheritance, how several combine) is read from here.
import { GATEWAY_GROUP } from '../types/gateway.ts'

/** The CRD label GEP-713 defines: its value says whether the policy is inherited. */
export const POLICY_LABEL = 'gateway.networking.k8s.io/policy'

export type PolicyAttachment = 'Direct' | 'Inherited'

/**
 * How settings of several policies of one kind at different levels combine.
 * - `gep713`: `spec.defaults` and `spec.overrides`: overrides from the top win, defaults from the
 *   bottom win (GEP-713; Kuadrant's AuthPolicy and RateLimitPolicy; a bare spec counts as defaults).
 * - `most-specific`: the policy closest to the object applies whole, unless it asks to be merged with
 *   the one above (`spec.mergeType`): Envoy Gateway's rule for its own kinds, which differs from
 *   GEP-713 (a route's policy replaces the Gateway's instead of inheriting its fields).
 * - `additive`: every policy applies side by side and none overrides another (Istio's kinds).
 * - `direct`: only at the target itself.
 */
export type PolicyMerge = 'gep713' | 'most-specific' | 'additive' | 'direct'

/**
 * The lowest level of the hierarchy GatewayClass → Gateway → listener → route → rule → backend a
 * policy placed above it takes effect on.
 */
export type PolicyReach = 'gateway' | 'listener' | 'route' | 'backend'

export interface PolicyKind {
  group: string
  kind: string
  /** Served versions, newest first. */
  versions: readonly string[]
  attachment: PolicyAttachment
  merge: PolicyMerge
  reach: PolicyReach
  /** `group/kind` of the objects it may target; undefined: any kind (a labelled CRD says nothing). */
  targets?: readonly string[]
  /** Whether targetRefs may name a section (listener, route rule, Service port). */
  sectionName: boolean
  /** Two policies of this kind on one target conflict (GEP-713's oldest-wins); false for additive kinds. */
  conflicts: boolean
  /** Who defines it, for people: `Envoy Gateway`, `Gateway API`, `a CRD labelled Inherited`. */
  implementation: string
}

const GW = GATEWAY_GROUP
const gw = (...kinds: string[]) => kinds.map((k) => `${GW}/${k}`)
const ENVOY = 'gateway.envoyproxy.io'
const ALL_ROUTES = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'UDPRoute', 'TLSRoute']

const envoy = (kind: string, targets: string[], reach: PolicyReach): PolicyKind => ({
  group: ENVOY,
  kind,
  versions: ['v1alpha1'],
  attachment: 'Inherited',
  merge: 'most-specific',
  reach,
  targets: gw(...targets),
  sectionName: true,
  conflicts: true,
  implementation: 'Envoy Gateway',
})

// Istio's targetRefs name a Gateway (its deployment), a GatewayClass (root namespace) or a Service
// (waypoints); PeerAuthentication and DestinationRule select workloads instead, so are not here.
const ISTIO_TARGETS = [...gw('Gateway', 'GatewayClass'), '/Service', 'networking.istio.io/ServiceEntry']
const istio = (group: string, kind: string, versions: string[]): PolicyKind => ({
  group,
  kind,
  versions,
  attachment: 'Direct',
  merge: 'additive',
  reach: 'gateway',
  targets: ISTIO_TARGETS,
  sectionName: false,
  conflicts: false,
  implementation: 'Istio',
})

const kuadrant = (kind: string, inherited: boolean, targets: string[]): PolicyKind => ({
  group: 'kuadrant.io',
  kind,
  versions: ['v1', 'v1beta3', 'v1beta2', 'v1alpha1'],
  attachment: inherited ? 'Inherited' : 'Direct',
  merge: inherited ? 'gep713' : 'direct',
  reach: inherited ? 'route' : 'listener',
  targets: gw(...targets),
  sectionName: true,
  conflicts: true,
  implementation: 'Kuadrant',
})

export const KNOWN_POLICY_KINDS: readonly PolicyKind[] = [
  {
    group: GW,
    kind: 'BackendTLSPolicy',
    versions: ['v1', 'v1alpha3'],
    attachment: 'Direct',
    merge: 'direct',
    reach: 'backend',
    targets: ['/Service'],
    sectionName: true,
    conflicts: true,
    implementation: 'Gateway API',
  },
  {
    group: 'gateway.networking.x-k8s.io',
    kind: 'XBackendTrafficPolicy',
    versions: ['v1alpha1'],
    attachment: 'Direct',
    merge: 'direct',
    reach: 'backend',
    targets: ['/Service'],
    sectionName: false,
    conflicts: true,
    implementation: 'Gateway API (experimental)',
  },
  envoy('BackendTrafficPolicy', ['Gateway', 'ListenerSet', ...ALL_ROUTES], 'backend'),
  envoy('ClientTrafficPolicy', ['Gateway', 'ListenerSet'], 'listener'),
  envoy('SecurityPolicy', ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'TCPRoute'], 'route'),
  envoy('EnvoyExtensionPolicy', ['Gateway', 'ListenerSet', ...ALL_ROUTES], 'route'),
  istio('security.istio.io', 'AuthorizationPolicy', ['v1', 'v1beta1']),
  istio('security.istio.io', 'RequestAuthentication', ['v1', 'v1beta1']),
  istio('telemetry.istio.io', 'Telemetry', ['v1', 'v1alpha1']),
  istio('networking.istio.io', 'EnvoyFilter', ['v1alpha3']),
  kuadrant('AuthPolicy', true, ['Gateway', 'HTTPRoute']),
  kuadrant('RateLimitPolicy', true, ['Gateway', 'HTTPRoute']),
  kuadrant('DNSPolicy', false, ['Gateway']),
  kuadrant('TLSPolicy', false, ['Gateway']),
]

const known = new Map(KNOWN_POLICY_KINDS.map((k) => [`${k.group}/${k.kind}`, k]))

/** The known policy kind of this group and kind. */
export function knownPolicyKind(group: string, kind: string): PolicyKind | undefined {
  return known.get(`${group}/${kind}`)
}

/** A CustomResourceDefinition as far as the policy label and names go. */
export interface PolicyCrd {
  metadata?: { labels?: Record<string, string> }
  spec?: {
    group?: string
    names?: { kind?: string }
    scope?: string
    versions?: { name?: string; served?: boolean; storage?: boolean }[]
  }
}

/**
 * The policy kind a CRD defines: a known kind (its table entry), or any kind labelled
 * `gateway.networking.k8s.io/policy: Direct|Inherited`. Undefined for other CRDs.
 */
export function policyKindOfCrd(crd: PolicyCrd): PolicyKind | undefined {
  const group = crd.spec?.group
  const kind = crd.spec?.names?.kind
  if (!group || !kind) return undefined
  const label = crd.metadata?.labels?.[POLICY_LABEL]
  const served = (crd.spec?.versions ?? [])
    .filter((v) => v.served !== false && typeof v.name === 'string')
    // The storage version first: the one the API server converts everything to.
    .sort((a, b) => Number(b.storage === true) - Number(a.storage === true))
    .map((v) => v.name as string)
  const table = knownPolicyKind(group, kind)
  if (table) return { ...table, versions: [...new Set([...table.versions, ...served])] }
  if (label !== 'Direct' && label !== 'Inherited') return undefined
  const inherited = label === 'Inherited'
  return {
    group,
    kind,
    versions: served,
    attachment: label,
    merge: inherited ? 'gep713' : 'direct',
    reach: inherited ? 'backend' : 'gateway',
    sectionName: true,
    conflicts: true,
    implementation: `a CRD labelled ${label}`,
  }
}

/** Whether a CRD is namespaced (policies nearly always are; a cluster-scoped one has no local targets). */
export function crdNamespaced(crd: PolicyCrd): boolean {
  return crd.spec?.scope !== 'Cluster'
}

/** The loader's lookup for policy kinds the inputs define (LoadOptions.kinds). */
export function policyKindLookup(
  kinds: readonly PolicyKind[],
): (
  group: string,
  kind: string,
) => { group: string; kind: string; versions: readonly string[]; namespaced: boolean } | undefined {
  const byKey = new Map(kinds.map((k) => [`${k.group}/${k.kind}`, k]))
  return (group, kind) => {
    const k = byKey.get(`${group}/${kind}`)
    return k && { group: k.group, kind: k.kind, versions: k.versions, namespaced: true }
  }
}
