// Policy attachment (GEP-713) in small worlds: each target's verdict, conflicts by age then name,
// the expected status.ancestors[] and its comparison with the controller's, and the effective
// policies with the merge rule of each kind.
import { describe, expect, it } from 'vitest'
import {
  analyze,
  findings,
  type KubeObject,
  parseManifests,
  policyKindLookup,
  policyKindOfCrd,
} from '../../src/index.ts'
import { backend, gateway, gatewayClass, http, route, service } from '../analysis/fixtures.ts'

const NS = 'apps'
const GWG = 'gateway.networking.k8s.io'

const policy = (
  apiVersion: string,
  kind: string,
  name: string,
  targetRefs: unknown[],
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion,
  kind,
  metadata: { namespace: NS, name, generation: 2, ...metadata },
  spec: { targetRefs, ...spec },
})
const btp = (name: string, targetRefs: unknown[], spec: Record<string, unknown> = {}, metadata = {}) =>
  policy('gateway.envoyproxy.io/v1alpha1', 'BackendTrafficPolicy', name, targetRefs, spec, metadata)
const toGateway = (sectionName?: string) => ({
  group: GWG,
  kind: 'Gateway',
  name: 'edge',
  ...(sectionName ? { sectionName } : {}),
})
const toRoute = (name = 'shop', sectionName?: string) => ({
  group: GWG,
  kind: 'HTTPRoute',
  name,
  ...(sectionName ? { sectionName } : {}),
})

/** A BackendTLSPolicy's validation that can be met (one that names no CA cannot). */
const TLS_SPEC = { validation: { hostname: 'shop.example.com', wellKnownCACertificates: 'System' } }

const world = (): KubeObject[] => [
  gatewayClass(),
  gateway(NS, 'edge', [http('web'), http('admin', { port: 8080 })]),
  service(NS, 'shop'),
  route('HTTPRoute', NS, 'shop', {
    parentRefs: [{ name: 'edge', sectionName: 'web' }],
    rules: [{ name: 'catalog', backendRefs: [backend('shop')] }],
  }),
]

const ancestorsOf = (objects: KubeObject[], kind: string, name: string) => {
  const status = analyze(objects).statusOf(kind, NS, name) as {
    ancestors: {
      ancestorRef: Record<string, unknown>
      controllerName: string
      conditions: { type: string; status: string; reason: string }[]
    }[]
  }
  return status.ancestors.map((a) => ({
    ancestorRef: a.ancestorRef,
    controllerName: a.controllerName,
    accepted: `${a.conditions[0]?.status}/${a.conditions[0]?.reason}`,
  }))
}

describe('a policy target', () => {
  const rows: { name: string; ref: unknown; kind?: string; api?: string; want: string }[] = [
    { name: 'a Gateway', ref: toGateway(), want: 'True/Accepted' },
    { name: 'a listener by sectionName', ref: toGateway('admin'), want: 'True/Accepted' },
    { name: 'a listener that does not exist', ref: toGateway('tls'), want: 'False/TargetNotFound' },
    { name: 'a route rule by name', ref: toRoute('shop', 'catalog'), want: 'True/Accepted' },
    {
      name: 'a route rule that does not exist',
      ref: toRoute('shop', 'checkout'),
      want: 'False/TargetNotFound',
    },
    { name: 'a route that does not exist', ref: toRoute('legacy'), want: 'False/TargetNotFound' },
    {
      name: 'a kind the policy may not target',
      ref: { group: '', kind: 'Service', name: 'shop' },
      want: 'False/Invalid',
    },
    {
      name: 'a Service port by name (BackendTLSPolicy)',
      ref: { group: '', kind: 'Service', name: 'shop', sectionName: 'http' },
      kind: 'BackendTLSPolicy',
      api: `${GWG}/v1`,
      want: 'True/Accepted',
    },
    {
      name: 'a kind Gatemap does not read (Istio ServiceEntry)',
      ref: { group: 'networking.istio.io', kind: 'ServiceEntry', name: 'external' },
      kind: 'AuthorizationPolicy',
      api: 'security.istio.io/v1',
      want: 'Unknown/CannotCheck',
    },
  ]
  it.each(rows)('$name: $want', ({ ref, kind, api, want }) => {
    const spec = kind === 'BackendTLSPolicy' ? TLS_SPEC : {}
    const p = policy(api ?? 'gateway.envoyproxy.io/v1alpha1', kind ?? 'ClientTrafficPolicy', 'p', [ref], spec)
    if (kind === undefined && (ref as { kind: string }).kind === 'HTTPRoute') p.kind = 'BackendTrafficPolicy'
    const got = ancestorsOf([...world(), p], p.kind, 'p').map((a) => a.accepted)
    expect(got).toEqual([want])
  })

  it('reads the older singular targetRef, and a missing group means the core group', () => {
    const p: KubeObject = {
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { namespace: NS, name: 'p' },
      spec: { targetRef: { kind: 'Service', name: 'nowhere' } },
    }
    const analysis = analyze([...world(), p]).policies()
    const target = analysis.policy('AuthorizationPolicy', NS, 'p')?.targets[0]
    expect(target?.target).toEqual({ group: '', kind: 'Service', namespace: NS, name: 'nowhere' })
    expect(target?.reason).toBe('TargetNotFound')
    expect(target?.path).toBe('spec.targetRef')
  })
})

describe('conflicts (GEP-713: oldest wins, then namespace/name)', () => {
  it('the older policy wins whatever its name, and the other is Conflicted with the reason', () => {
    const older = btp('zeta', [toRoute()], {}, { creationTimestamp: '2026-01-01T00:00:00Z' })
    const newer = btp('alpha', [toRoute()], {}, { creationTimestamp: '2026-02-01T00:00:00Z' })
    const analysis = analyze([...world(), newer, older]).policies()
    expect(analysis.policy('BackendTrafficPolicy', NS, 'zeta')?.targets[0]?.reason).toBe('Accepted')
    const lost = analysis.policy('BackendTrafficPolicy', NS, 'alpha')?.targets[0]
    expect(lost?.reason).toBe('Conflicted')
    expect(lost?.winner?.policy.name).toBe('zeta')
    expect(lost?.message).toMatch(/older \(created 2026-01-01/)
  })

  it('with equal (or unknown) creation times the name decides', () => {
    const analysis = analyze([...world(), btp('b', [toRoute()]), btp('a', [toRoute()])]).policies()
    expect(analysis.policy('BackendTrafficPolicy', NS, 'a')?.targets[0]?.reason).toBe('Accepted')
    expect(analysis.policy('BackendTrafficPolicy', NS, 'b')?.targets[0]?.reason).toBe('Conflicted')
  })

  it('a section and the whole object are different targets; other kinds never conflict', () => {
    const objects = [
      ...world(),
      btp('whole', [toGateway()]),
      btp('web', [toGateway('web')]),
      policy('gateway.envoyproxy.io/v1alpha1', 'SecurityPolicy', 'sec', [toGateway()]),
    ]
    const analysis = analyze(objects).policies()
    expect(analysis.verdicts.map((v) => `${v.ref.name}:${v.targets[0]?.reason}`).sort()).toEqual([
      'sec:Accepted',
      'web:Accepted',
      'whole:Accepted',
    ])
  })

  it('additive kinds (Istio) never conflict', () => {
    const ap = (name: string) => policy('security.istio.io/v1', 'AuthorizationPolicy', name, [toGateway()])
    const analysis = analyze([...world(), ap('one'), ap('two')]).policies()
    expect(analysis.verdicts.map((v) => v.targets[0]?.reason)).toEqual(['Accepted', 'Accepted'])
  })
})

describe('status.ancestors', () => {
  it("a route's policy is reported under the Gateway its parentRef names, with the class's controller", () => {
    expect(ancestorsOf([...world(), btp('p', [toRoute()])], 'BackendTrafficPolicy', 'p')).toEqual([
      {
        ancestorRef: { group: GWG, kind: 'Gateway', namespace: NS, name: 'edge', sectionName: 'web' },
        controllerName: 'example.com/controller',
        accepted: 'True/Accepted',
      },
    ])
  })

  it("a Service's policy has no ancestor while no accepted route uses the Service, and says so", () => {
    const p = policy(
      `${GWG}/v1`,
      'BackendTLSPolicy',
      'tls',
      [{ group: '', kind: 'Service', name: 'idle' }],
      TLS_SPEC,
    )
    const objects = [...world(), service(NS, 'idle'), p]
    expect(ancestorsOf(objects, 'BackendTLSPolicy', 'tls')).toEqual([])
    expect(
      findings(analyze(objects))
        .filter((f) => f.object.name === 'tls')
        .map((f) => f.code),
    ).toEqual(['NoAncestors'])
  })

  it('the controller status is compared: disagreement and staleness are findings', () => {
    const p = btp('p', [toRoute('legacy')])
    p.status = {
      ancestors: [
        {
          ancestorRef: { group: GWG, kind: 'HTTPRoute', namespace: NS, name: 'legacy' },
          controllerName: 'gatemap.dev/analysis',
          conditions: [
            { type: 'Accepted', status: 'True', reason: 'Accepted', message: '', observedGeneration: 1 },
          ],
        },
        {
          ancestorRef: { group: GWG, kind: 'Gateway', namespace: NS, name: 'old' },
          controllerName: 'example.com/controller',
          conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: '' }],
        },
      ],
    }
    const codes = findings(analyze([...world(), p]))
      .filter((f) => f.object.name === 'p')
      .map((f) => `${f.severity}:${f.code}`)
      .sort()
    expect(codes).toEqual([
      'error:TargetNotFound',
      'info:StaleStatus',
      'warning:StaleStatus',
      'warning:StatusDisagrees',
    ])
  })
})

describe('effective policies', () => {
  const effective = (objects: KubeObject[]) =>
    Object.fromEntries(
      analyze(objects)
        .policies()
        .effectiveList()
        .map((e) => [
          `${e.target.kind} ${e.target.name}${e.target.sectionName ? `/${e.target.sectionName}` : ''}`,
          e.policies.map((p) => p.name),
        ]),
    )

  it("Envoy Gateway's kinds: the closest policy replaces the Gateway's, down to the backends", () => {
    expect(effective([...world(), btp('gw', [toGateway()]), btp('rt', [toRoute()])])).toEqual({
      'Gateway edge': ['gw'],
      'Gateway edge/web': ['gw'],
      'Gateway edge/admin': ['gw'],
      'HTTPRoute shop': ['rt'],
      'Service shop': ['rt'],
    })
  })

  it('mergeType takes the fields the closer policy leaves unset from the one above, each naming its source', () => {
    const objects = [
      ...world(),
      btp('gw', [toGateway()], { retry: { numRetries: 2 }, timeout: { http: { requestTimeout: '15s' } } }),
      btp('rt', [toRoute()], { mergeType: 'StrategicMerge', timeout: { http: { requestTimeout: '5s' } } }),
    ]
    const at = analyze(objects)
      .policies()
      .effectiveAt({ group: GWG, kind: 'HTTPRoute', namespace: NS, name: 'shop' })
    expect(at?.fields.map((f) => `${f.field}<-${f.source.name}`)).toEqual(['timeout<-rt', 'retry<-gw'])
  })

  it('GEP-713 kinds: overrides from the top win, defaults from the bottom win', () => {
    const rlp = (name: string, targetRef: unknown, spec: Record<string, unknown>) =>
      policy('kuadrant.io/v1', 'RateLimitPolicy', name, [targetRef], spec)
    const objects = [
      ...world(),
      rlp('gw', toGateway(), {
        overrides: { limits: 'gateway-cap' },
        defaults: { when: 'gw-default', rules: 'gw-rules' },
      }),
      rlp('rt', toRoute(), { limits: 'route-limits', rules: 'route-rules' }),
    ]
    const at = analyze(objects)
      .policies()
      .effectiveAt({ group: GWG, kind: 'HTTPRoute', namespace: NS, name: 'shop' })
    expect(at?.fields.map((f) => `${f.field}=${String(f.value)}<-${f.source.name} (${f.from})`)).toEqual([
      'limits=gateway-cap<-gw (override)',
      'rules=route-rules<-rt (default)',
      'when=gw-default<-gw (default)',
    ])
  })

  it('a Direct policy takes effect on its target only; rejected policies nowhere', () => {
    const tls = policy(
      `${GWG}/v1`,
      'BackendTLSPolicy',
      'tls',
      [{ group: '', kind: 'Service', name: 'shop' }],
      TLS_SPEC,
    )
    expect(effective([...world(), tls, btp('lost', [toRoute('legacy')])])).toEqual({
      'Service shop': ['tls'],
    })
  })
})

describe('policy kinds', () => {
  const crd = (labels: Record<string, string>) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgetpolicies.example.com', labels },
    spec: {
      group: 'example.com',
      names: { kind: 'WidgetPolicy' },
      scope: 'Namespaced',
      versions: [
        { name: 'v1beta1', served: true, storage: false },
        { name: 'v1', served: true, storage: true },
      ],
    },
  })

  it('a CRD is a policy by its label, with the storage version first; unlabelled CRDs are not', () => {
    expect(policyKindOfCrd(crd({ 'gateway.networking.k8s.io/policy': 'Inherited' }))).toMatchObject({
      kind: 'WidgetPolicy',
      attachment: 'Inherited',
      merge: 'gep713',
      versions: ['v1', 'v1beta1'],
    })
    expect(policyKindOfCrd(crd({}))).toBeUndefined()
    expect(policyKindOfCrd(crd({ 'gateway.networking.k8s.io/policy': 'Sometimes' }))).toBeUndefined()
  })

  it('the loader reads known policy kinds, reports labelled CRDs and reads their objects when told', () => {
    const text = [
      JSON.stringify(crd({ 'gateway.networking.k8s.io/policy': 'Direct' })),
      '---',
      'apiVersion: example.com/v1\nkind: WidgetPolicy\nmetadata: {name: w}\nspec: {targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: edge}]}',
      '---',
      'apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: ClientTrafficPolicy\nmetadata: {name: c}\nspec: {targetRefs: []}',
    ].join('\n')
    const first = parseManifests(text, 'p.yaml')
    expect(first.objects.map((o) => o.object.kind)).toEqual(['ClientTrafficPolicy'])
    expect(first.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/WidgetPolicy is not a Gateway API kind/),
    ])
    expect(first.policyKinds?.map((k) => k.kind)).toEqual(['WidgetPolicy'])
    const second = parseManifests(text, 'p.yaml', { kinds: policyKindLookup(first.policyKinds ?? []) })
    expect(second.objects.map((o) => `${o.object.kind} ${o.object.metadata.namespace}`)).toEqual([
      'WidgetPolicy default',
      'ClientTrafficPolicy default',
    ])
    expect(second.problems).toEqual([])
  })
})
