// Which kinds and versions Gatemap understands, and whether they are namespaced. Every other module
// asks this table instead of matching apiVersion strings itself.
import { KNOWN_POLICY_KINDS } from './policies/kinds.ts'
import { ROUTE_KIND_FACTS } from './route-kinds.ts'
import { GATEWAY_GROUP } from './types/gateway.ts'

export interface KindInfo {
  group: string
  kind: string
  /** Served versions, newest first; older ones are read into the newest shape. */
  versions: readonly string[]
  namespaced: boolean
}

export const KNOWN_KINDS: readonly KindInfo[] = [
  { group: GATEWAY_GROUP, kind: 'GatewayClass', versions: ['v1', 'v1beta1'], namespaced: false },
  { group: GATEWAY_GROUP, kind: 'Gateway', versions: ['v1', 'v1beta1'], namespaced: true },
  { group: GATEWAY_GROUP, kind: 'ListenerSet', versions: ['v1', 'v1alpha1'], namespaced: true },
  ...ROUTE_KIND_FACTS.map(
    (f): KindInfo => ({ group: GATEWAY_GROUP, kind: f.kind, versions: f.versions, namespaced: true }),
  ),
  { group: GATEWAY_GROUP, kind: 'ReferenceGrant', versions: ['v1', 'v1beta1', 'v1alpha2'], namespaced: true },
  { group: GATEWAY_GROUP, kind: 'BackendTLSPolicy', versions: ['v1', 'v1alpha3'], namespaced: true },
  { group: '', kind: 'Namespace', versions: ['v1'], namespaced: false },
  { group: '', kind: 'Service', versions: ['v1'], namespaced: true },
  { group: '', kind: 'Secret', versions: ['v1'], namespaced: true },
  // CA certificates for TLS validation; like Secrets, only their metadata is needed.
  { group: '', kind: 'ConfigMap', versions: ['v1'], namespaced: true },
  // The implementations' policy kinds, read without their CRDs (policies/kinds.ts).
  ...KNOWN_POLICY_KINDS.filter((p) => p.group !== GATEWAY_GROUP || p.kind !== 'BackendTLSPolicy').map(
    (p): KindInfo => ({ group: p.group, kind: p.kind, versions: p.versions, namespaced: true }),
  ),
]

const byGroupKind = new Map(KNOWN_KINDS.map((k) => [`${k.group}/${k.kind}`, k]))

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/')
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) }
}

/**
 * The kind's entry when both group and version are known; undefined for anything else. `extra`
 * answers for kinds the inputs define themselves (policy CRDs carrying the policy label).
 */
export function recognizeKind(
  apiVersion: string,
  kind: string,
  extra?: (group: string, kind: string) => KindInfo | undefined,
): KindInfo | undefined {
  const { group, version } = splitApiVersion(apiVersion)
  const info = byGroupKind.get(`${group}/${kind}`) ?? extra?.(group, kind)
  return info?.versions.includes(version) ? info : undefined
}

export function kindInfo(group: string, kind: string): KindInfo | undefined {
  return byGroupKind.get(`${group}/${kind}`)
}

/** The stable identity of an object within one source: `Kind/namespace/name` ('' namespace if cluster-scoped). */
export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`
}
