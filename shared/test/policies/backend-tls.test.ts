// BackendTLSPolicy that cannot be met: its own Accepted/ResolvedRefs per ancestor
// (backendtlspolicy_types.go) and the ResolvedRefs of every route sending to the Service it covers
// (httproute_types.go, BackendRef: "… and the implementation is unable to meet the requirement").
// Each row is a small world; the route sends to Service shop port 8080 (port name http).
import { describe, expect, it } from 'vitest'
import { Analyzer, analyze, type Condition, findings, type KubeObject } from '../../src/index.ts'
import { backend, gateway, gatewayClass, http, route, service } from '../analysis/fixtures.ts'

const NS = 'apps'
const GWV = 'gateway.networking.k8s.io/v1'

const tlsPolicy = (
  name: string,
  validation: Record<string, unknown>,
  target: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: GWV,
  kind: 'BackendTLSPolicy',
  metadata: { namespace: NS, name, generation: 1, ...metadata },
  spec: {
    targetRefs: [{ group: '', kind: 'Service', name: 'shop', ...target }],
    validation: { hostname: 'shop.example.com', ...validation },
  },
})
const configMap = (name: string, ns = NS): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace: ns, name },
})
const secret = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { namespace: NS, name },
})
const cm = (name: string) => ({ group: '', kind: 'ConfigMap', name })

const base = (): KubeObject[] => [
  gatewayClass(),
  gateway(NS, 'edge', [http('web')]),
  service(NS, 'shop'),
  route('HTTPRoute', NS, 'shop', {
    parentRefs: [{ name: 'edge' }],
    rules: [{ backendRefs: [backend('shop')] }],
  }),
]

const show = (conditions: readonly Condition[] | undefined, type: string) => {
  const c = conditions?.find((x) => x.type === type)
  return c ? `${c.status}/${c.reason}` : 'absent'
}

const routeResolvedRefs = (a: Analyzer) => {
  const status = a.statusOf('HTTPRoute', NS, 'shop') as { parents: { conditions: Condition[] }[] }
  return show(status.parents[0]?.conditions, 'ResolvedRefs')
}

const policyStatus = (a: Analyzer, name: string) => {
  const status = a.statusOf('BackendTLSPolicy', NS, name) as { ancestors: { conditions: Condition[] }[] }
  const c = status.ancestors[0]?.conditions
  return `${show(c, 'Accepted')} ${show(c, 'ResolvedRefs')}`
}

interface Row {
  name: string
  world: KubeObject[]
  route: string
  /** "Accepted ResolvedRefs" of policy `tls` under the Gateway. */
  policy: string
}

const rows: Row[] = [
  {
    name: 'the CA ConfigMap exists',
    world: [tlsPolicy('tls', { caCertificateRefs: [cm('ca')] }), configMap('ca')],
    route: 'True/ResolvedRefs',
    policy: 'True/Accepted True/ResolvedRefs',
  },
  {
    name: 'the CA ConfigMap does not exist (conformance BackendTLSPolicyInvalidCACertificateRef)',
    world: [tlsPolicy('tls', { caCertificateRefs: [cm('missing')] })],
    route: 'False/InvalidBackendTLS',
    policy: 'False/NoValidCACertificate False/InvalidCACertificateRef',
  },
  {
    name: 'the CA reference is of an unknown kind (conformance BackendTLSPolicyInvalidKind)',
    world: [
      tlsPolicy('tls', { caCertificateRefs: [{ group: 'invalid.io', kind: 'InvalidKind', name: 'x' }] }),
    ],
    route: 'False/InvalidBackendTLS',
    policy: 'False/NoValidCACertificate False/InvalidKind',
  },
  {
    name: 'a CA in a Secret is read too (implementation-specific, as Envoy Gateway does)',
    world: [
      tlsPolicy('tls', { caCertificateRefs: [{ group: '', kind: 'Secret', name: 'ca' }] }),
      secret('ca'),
    ],
    route: 'True/ResolvedRefs',
    policy: 'True/Accepted True/ResolvedRefs',
  },
  {
    name: 'a ConfigMap of that name in another namespace does not count',
    world: [tlsPolicy('tls', { caCertificateRefs: [cm('ca')] }), configMap('ca', 'elsewhere')],
    route: 'False/InvalidBackendTLS',
    policy: 'False/NoValidCACertificate False/InvalidCACertificateRef',
  },
  {
    name: 'one of two CA references resolves: the policy still holds, ResolvedRefs says which failed',
    world: [tlsPolicy('tls', { caCertificateRefs: [cm('ca'), cm('missing')] }), configMap('ca')],
    route: 'True/ResolvedRefs',
    policy: 'True/Accepted False/InvalidCACertificateRef',
  },
  {
    name: 'wellKnownCACertificates: System',
    world: [tlsPolicy('tls', { wellKnownCACertificates: 'System' })],
    route: 'True/ResolvedRefs',
    policy: 'True/Accepted True/ResolvedRefs',
  },
  {
    name: 'a well-known CA set no Gateway API text defines is not recognised: Invalid',
    world: [tlsPolicy('tls', { wellKnownCACertificates: 'example.com/corporate' })],
    route: 'False/InvalidBackendTLS',
    policy: 'False/Invalid True/ResolvedRefs',
  },
  {
    name: 'the policy names another port of the Service: the route’s port is not covered',
    world: [tlsPolicy('tls', { caCertificateRefs: [cm('missing')] }, { sectionName: 'metrics' })],
    route: 'True/ResolvedRefs',
    // The sectionName names no port of the Service, so the target itself is refused.
    policy: 'False/TargetNotFound False/InvalidCACertificateRef',
  },
  {
    name: 'the policy names the route’s port by name',
    world: [tlsPolicy('tls', { caCertificateRefs: [cm('missing')] }, { sectionName: 'http' })],
    route: 'False/InvalidBackendTLS',
    policy: 'False/NoValidCACertificate False/InvalidCACertificateRef',
  },
  {
    name: 'two policies on the Service: the older is in force, so a broken newer one changes nothing',
    world: [
      tlsPolicy(
        'tls',
        { caCertificateRefs: [cm('missing')] },
        {},
        { creationTimestamp: '2026-02-01T00:00:00Z' },
      ),
      tlsPolicy(
        'older',
        { caCertificateRefs: [cm('ca')] },
        {},
        { creationTimestamp: '2026-01-01T00:00:00Z' },
      ),
      configMap('ca'),
    ],
    route: 'True/ResolvedRefs',
    policy: 'False/Conflicted False/InvalidCACertificateRef',
  },
  {
    name: 'a policy on the port wins over an older one on the whole Service',
    world: [
      tlsPolicy(
        'tls',
        { caCertificateRefs: [cm('missing')] },
        { sectionName: 'http' },
        { creationTimestamp: '2026-02-01T00:00:00Z' },
      ),
      tlsPolicy(
        'older',
        { caCertificateRefs: [cm('ca')] },
        {},
        { creationTimestamp: '2026-01-01T00:00:00Z' },
      ),
      configMap('ca'),
    ],
    route: 'False/InvalidBackendTLS',
    policy: 'False/NoValidCACertificate False/InvalidCACertificateRef',
  },
]

describe('a BackendTLSPolicy that cannot be met', () => {
  it.each(rows)('$name', ({ world, route, policy }) => {
    const a = analyze([...base(), ...world])
    expect(routeResolvedRefs(a)).toBe(route)
    expect(policyStatus(a, 'tls')).toBe(policy)
  })

  it('says why on the route and on the policy, naming the missing ConfigMap', () => {
    const a = analyze([...base(), tlsPolicy('tls', { caCertificateRefs: [cm('missing')] })])
    const all = findings(a)
    const onRoute = all.find((f) => f.object.kind === 'HTTPRoute' && f.code === 'InvalidBackendTLS')
    expect(onRoute?.message).toContain('BackendTLSPolicy apps/tls applies to Service apps/shop')
    expect(onRoute?.message).toContain('ConfigMap apps/missing, which does not exist')
    const onPolicy = all.find((f) => f.object.kind === 'BackendTLSPolicy')
    expect(onPolicy).toMatchObject({
      severity: 'error',
      code: 'NoValidCACertificate',
      path: 'spec.validation.caCertificateRefs[0]',
    })
  })

  it('follows changes: the ConfigMap arriving, the policy going', () => {
    const a = new Analyzer()
    for (const o of [...base(), tlsPolicy('tls', { caCertificateRefs: [cm('ca')] })]) a.upsert(o)
    a.refresh()
    expect(routeResolvedRefs(a)).toBe('False/InvalidBackendTLS')
    a.upsert(configMap('ca'))
    a.refresh()
    expect(routeResolvedRefs(a)).toBe('True/ResolvedRefs')
    a.remove('ConfigMap', NS, 'ca')
    a.refresh()
    expect(routeResolvedRefs(a)).toBe('False/InvalidBackendTLS')
    a.remove('BackendTLSPolicy', NS, 'tls')
    a.refresh()
    expect(routeResolvedRefs(a)).toBe('True/ResolvedRefs')
    // A policy arriving after the route, on its Service.
    a.upsert(tlsPolicy('late', { caCertificateRefs: [cm('gone')] }))
    a.refresh()
    expect(routeResolvedRefs(a)).toBe('False/InvalidBackendTLS')
    // Moved to another Service: the route is free again.
    a.upsert(tlsPolicy('late', { caCertificateRefs: [cm('gone')] }, { name: 'other' }))
    a.refresh()
    expect(routeResolvedRefs(a)).toBe('True/ResolvedRefs')
  })
})
