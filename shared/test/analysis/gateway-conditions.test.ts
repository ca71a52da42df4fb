// The Gateway's own conditions as gateway_types.go defines them: Accepted and Programmed follow the
// listeners that can be configured; ResolvedRefs summarises unresolved references and "does not
// directly impact the Gateway's Accepted or Programmed conditions". Each row is a tiny world and the
// conditions the Gateway must get.
import { describe, expect, it } from 'vitest'
import { analyze, type Condition, findings, type KubeObject } from '../../src/index.ts'
import { backend, gateway, gatewayClass, grant, http, namespace, route, service } from './fixtures.ts'

const https = (name: string, certificate: string, extra: Record<string, unknown> = {}) => ({
  name,
  port: 443,
  protocol: 'HTTPS',
  tls: { mode: 'Terminate', certificateRefs: [{ name: certificate, ...extra }] },
})

const secret = (ns: string, name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { namespace: ns, name },
  type: 'kubernetes.io/tls',
})

const show = (conditions: readonly Condition[], type: string) => {
  const c = conditions.find((x) => x.type === type)
  return c ? `${c.status}/${c.reason}` : 'absent'
}

interface Row {
  name: string
  listeners: unknown[]
  world?: KubeObject[]
  extra?: Record<string, unknown>
  accepted: string
  programmed: string
  resolvedRefs: string
  /** name → "Accepted ResolvedRefs Programmed" of each listener */
  listeners_?: Record<string, string>
}

const rows: Row[] = [
  {
    name: 'the only listener misses its certificate: still Accepted (ResolvedRefs says it)',
    listeners: [https('https', 'does-not-exist')],
    accepted: 'True/Accepted',
    programmed: 'True/Programmed',
    resolvedRefs: 'False/ListenersNotResolved',
    listeners_: { https: 'True/Accepted False/InvalidCertificateRef False/Invalid' },
  },
  {
    name: 'certificate in another namespace without a ReferenceGrant: Accepted, RefNotPermitted on the listener',
    listeners: [https('https', 'cert', { namespace: 'certs' })],
    world: [secret('certs', 'cert')],
    accepted: 'True/Accepted',
    programmed: 'True/Programmed',
    resolvedRefs: 'False/ListenersNotResolved',
    listeners_: { https: 'True/Accepted False/RefNotPermitted False/Invalid' },
  },
  {
    name: 'the certificate exists: everything resolved',
    listeners: [https('https', 'cert')],
    world: [secret('infra', 'cert')],
    accepted: 'True/Accepted',
    programmed: 'True/Programmed',
    resolvedRefs: 'True/ResolvedRefs',
  },
  {
    name: 'the only listener has an unsupported protocol: not Accepted (conformance)',
    listeners: [{ name: 'invalid', port: 80, protocol: 'example.com/NOT-A-PROTOCOL' }],
    accepted: 'False/ListenersNotValid',
    programmed: 'False/Invalid',
    resolvedRefs: 'True/ResolvedRefs',
  },
  {
    name: 'one valid and one unsupported listener: Accepted with ListenersNotValid (conformance)',
    listeners: [http('http'), { name: 'invalid', port: 81, protocol: 'example.com/NOT-A-PROTOCOL' }],
    accepted: 'True/ListenersNotValid',
    programmed: 'True/Programmed',
    resolvedRefs: 'True/ResolvedRefs',
  },
  {
    name: 'an unsupported listener and one missing its certificate: configurable one left, so Accepted',
    listeners: [
      https('https', 'nope'),
      { name: 'invalid', port: 81, protocol: 'example.com/NOT-A-PROTOCOL' },
    ],
    accepted: 'True/ListenersNotValid',
    programmed: 'True/Programmed',
    resolvedRefs: 'False/ListenersNotResolved',
  },
  {
    name: 'two listeners in a hostname conflict: neither can be configured',
    listeners: [http('a'), http('b')],
    accepted: 'False/ListenersNotValid',
    programmed: 'False/Invalid',
    resolvedRefs: 'True/ResolvedRefs',
  },
  {
    name: 'an unknown kind in allowedRoutes: ResolvedRefs False on the listener only',
    listeners: [http('http', { allowedRoutes: { kinds: [{ kind: 'NotARoute' }] } })],
    accepted: 'True/Accepted',
    programmed: 'True/Programmed',
    resolvedRefs: 'False/ListenersNotResolved',
    listeners_: { http: 'True/Accepted False/InvalidRouteKinds False/Invalid' },
  },
  {
    name: "the Gateway's own client certificate is refused and a listener is unresolved: the more specific reason stays",
    listeners: [https('https', 'nope')],
    world: [secret('certs', 'client')],
    extra: { tls: { backend: { clientCertificateRef: { name: 'client', namespace: 'certs' } } } },
    accepted: 'True/Accepted',
    programmed: 'True/Programmed',
    resolvedRefs: 'False/RefNotPermitted',
  },
]

describe('Gateway conditions', () => {
  for (const row of rows) {
    it(row.name, () => {
      const world = [
        gatewayClass(),
        namespace('infra'),
        namespace('certs'),
        ...(row.world ?? []),
        gateway('infra', 'gw', row.listeners, row.extra ?? {}),
      ]
      const analyzer = analyze(world)
      const g = analyzer.gateway('infra', 'gw')
      expect(g).toBeDefined()
      const conditions = g?.conditions ?? []
      expect(show(conditions, 'Accepted')).toBe(row.accepted)
      expect(show(conditions, 'Programmed')).toBe(row.programmed)
      expect(show(conditions, 'ResolvedRefs')).toBe(row.resolvedRefs)
      for (const [name, expected] of Object.entries(row.listeners_ ?? {})) {
        const l = g?.listeners.find((x) => x.name === name)
        const got = ['Accepted', 'ResolvedRefs', 'Programmed'].map((t) => show(l?.conditions ?? [], t))
        expect(got.join(' ')).toBe(expected)
      }
    })
  }

  it('routes still attach to a listener whose certificate is missing, and are counted', () => {
    const analyzer = analyze([
      gatewayClass(),
      namespace('infra'),
      service('infra', 'svc'),
      gateway('infra', 'gw', [https('https', 'does-not-exist')]),
      route('HTTPRoute', 'infra', 'r', {
        parentRefs: [{ name: 'gw' }],
        rules: [{ backendRefs: [backend('svc')] }],
      }),
    ])
    const g = analyzer.gateway('infra', 'gw')
    expect(g?.listeners[0]?.attachedRoutes).toBe(1)
    expect(show(analyzer.route('HTTPRoute', 'infra', 'r')?.parents[0]?.conditions ?? [], 'Accepted')).toBe(
      'True/Accepted',
    )
  })

  it('the summary ResolvedRefs is not reported twice: the listener carries the finding', () => {
    const analyzer = analyze([
      gatewayClass(),
      namespace('infra'),
      gateway('infra', 'gw', [https('https', 'does-not-exist')]),
    ])
    const codes = findings(analyzer).map((f) => `${f.object.kind}:${f.code}`)
    expect(codes).not.toContain('Gateway:ListenersNotResolved')
    expect(codes.filter((c) => c.endsWith('InvalidCertificateRef'))).toHaveLength(1)
  })

  it('a ListenerSet whose only listener is refused a certificate is not Accepted (conformance)', () => {
    const analyzer = analyze([
      gatewayClass(),
      namespace('infra'),
      namespace('apps'),
      secret('certs', 'cert'),
      gateway('infra', 'gw', [http('http')], {
        allowedListeners: { namespaces: { from: 'All' } },
      }),
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'ListenerSet',
        metadata: { namespace: 'apps', name: 'ls', generation: 1 },
        spec: {
          parentRef: { name: 'gw', namespace: 'infra' },
          listeners: [https('https', 'cert', { namespace: 'certs' })],
        },
      },
    ])
    const s = analyzer.listenerSet('apps', 'ls')
    expect(show(s?.conditions ?? [], 'Accepted')).toBe('False/ListenersNotValid')
    // The Gateway's own listener is fine, so the Gateway is as well.
    expect(show(analyzer.gateway('infra', 'gw')?.conditions ?? [], 'Accepted')).toBe('True/Accepted')
  })
})

describe('spec.addresses', () => {
  const withAddresses = (addresses: unknown[]) =>
    analyze([gatewayClass(), namespace('infra'), gateway('infra', 'gw', [http('http')], { addresses })])

  it.each([
    [[{ type: 'IPAddress', value: '10.0.0.1' }], 'True/Accepted'],
    [[{ type: 'Hostname', value: 'gw.example.com' }], 'True/Accepted'],
    // The CRD defaults an unset type to IPAddress; offline inputs may not have been defaulted.
    [[{ value: '10.0.0.1' }], 'True/Accepted'],
    [[], 'True/Accepted'],
    [[{ type: 'example.com/custom', value: 'x' }], 'False/UnsupportedAddress'],
    [[{ type: 'NamedAddress', value: 'pool-a' }], 'False/UnsupportedAddress'],
    [
      [
        { type: 'IPAddress', value: '10.0.0.1' },
        { type: 'test/fake-invalid-type', value: 'y' },
      ],
      'False/UnsupportedAddress',
    ],
  ])('%j: Gateway Accepted is %s', (addresses, accepted) => {
    const g = withAddresses(addresses).gateway('infra', 'gw')
    expect(show(g?.conditions ?? [], 'Accepted')).toBe(accepted)
  })

  it('names the unsupported entry: its check, the finding at its type, and the fix', () => {
    const analyzer = withAddresses([
      { type: 'IPAddress', value: '10.0.0.1' },
      { type: 'example.com/custom', value: 'x' },
    ])
    const g = analyzer.gateway('infra', 'gw')
    const failed = g?.checks.filter((c) => c.outcome === 'fail') ?? []
    expect(failed.map((c) => [c.rule, c.fields[0]?.path, c.fields[0]?.value])).toEqual([
      ['gateway.addresses', 'spec.addresses[1].type', 'example.com/custom'],
    ])
    const finding = findings(analyzer).find((f) => f.code === 'UnsupportedAddress')
    expect(finding).toMatchObject({ severity: 'error', path: 'spec.addresses[1].type' })
    expect(finding?.message).toMatch(/spec\.addresses\[1\] has type example\.com\/custom/)
    expect(finding?.fix).toMatch(/IPAddress or Hostname/)
  })
})

describe('a GatewayClass named but absent from the inputs', () => {
  const world = (): KubeObject[] => [
    namespace('infra'),
    namespace('apps'),
    service('apps', 'svc'),
    gateway('infra', 'gw', [http('http', { allowedRoutes: { namespaces: { from: 'Same' } } })], {
      gatewayClassName: 'platform',
    }),
    gateway('infra', 'gw2', [http('http')], { gatewayClassName: 'platform' }),
    route('HTTPRoute', 'apps', 'r', {
      parentRefs: [{ name: 'gw', namespace: 'infra' }],
      rules: [{ backendRefs: [backend('svc')] }],
    }),
  ]

  it('is assumed to exist when asked: the attachment problems in the folder are judged and reported', () => {
    const analyzer = analyze(world(), { assumeAbsentGatewayClasses: true })
    const g = analyzer.gateway('infra', 'gw')
    expect(g?.gatewayClassAssumed).toBe(true)
    expect(show(g?.conditions ?? [], 'Accepted')).toBe('True/Accepted')
    const parent = analyzer.route('HTTPRoute', 'apps', 'r')?.parents[0]
    expect(show(parent?.conditions ?? [], 'Accepted')).toBe('False/NotAllowedByListeners')
    const found = findings(analyzer)
    const notes = found.filter((f) => f.code === 'GatewayClassAssumed')
    expect(notes).toHaveLength(1)
    expect(notes[0]?.severity).toBe('info')
    expect(notes[0]?.object).toMatchObject({ kind: 'Gateway', namespace: 'infra', name: 'gw' })
    expect(notes[0]?.path).toBe('spec.gatewayClassName')
    expect(notes[0]?.message).toContain('2 Gateways')
    expect(found.some((f) => f.code === 'NotAllowedByListeners')).toBe(true)
  })

  it('is absent without the assumption: everything waits for a controller', () => {
    const analyzer = analyze(world())
    const g = analyzer.gateway('infra', 'gw')
    expect(g?.gatewayClassAssumed).toBeUndefined()
    expect(show(g?.conditions ?? [], 'Accepted')).toBe('Unknown/Pending')
    const parent = analyzer.route('HTTPRoute', 'apps', 'r')?.parents[0]
    expect(show(parent?.conditions ?? [], 'Accepted')).toBe('Unknown/Pending')
    expect(findings(analyzer).some((f) => f.code === 'GatewayClassAssumed')).toBe(false)
  })

  it('a class that is present is never called assumed', () => {
    const analyzer = analyze([...world(), gatewayClass('platform')], { assumeAbsentGatewayClasses: true })
    expect(analyzer.gateway('infra', 'gw')?.gatewayClassAssumed).toBeUndefined()
    expect(findings(analyzer).some((f) => f.code === 'GatewayClassAssumed')).toBe(false)
  })

  it('an empty gatewayClassName is never assumed', () => {
    const analyzer = analyze([gateway('infra', 'gw', [http('http')], { gatewayClassName: '' })], {
      assumeAbsentGatewayClasses: true,
    })
    expect(show(analyzer.gateway('infra', 'gw')?.conditions ?? [], 'Accepted')).toBe('Unknown/Pending')
  })
})

// What a controller writes on a Gateway: nothing beyond the CRD's default when no controller
// reconciles it (+kubebuilder:default on GatewayStatus.Conditions has no listeners), and listener
// status for every listener once a class's controller does (GatewayStatus.Listeners).
describe('the written status of a Gateway and its ListenerSet, by class', () => {
  const listenerSet = (): KubeObject => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'ListenerSet',
    metadata: { namespace: 'infra', name: 'extra', generation: 1 },
    spec: { parentRef: { name: 'gw' }, listeners: [http('more', { port: 81 })] },
  })
  const rows: {
    name: string
    world: KubeObject[]
    options?: { assumeAbsentGatewayClasses: boolean }
    /** "Accepted; listener names" of the Gateway, then of the ListenerSet. */
    gateway: string
    listenerSet: string
  }[] = [
    {
      name: 'the class does not exist: the CRD default, no listener status anywhere',
      world: [],
      gateway: 'Unknown/Pending; -',
      listenerSet: 'Unknown/Pending; -',
    },
    {
      name: 'the class exists: every listener has status',
      world: [gatewayClass('platform')],
      gateway: 'True/Accepted; http',
      listenerSet: 'True/Accepted; more',
    },
    {
      name: 'the class is assumed (offline): judged as its controller would write it',
      world: [],
      options: { assumeAbsentGatewayClasses: true },
      gateway: 'True/Accepted; http',
      listenerSet: 'True/Accepted; more',
    },
  ]
  type Written = { conditions: Condition[]; listeners?: { name: string }[] }
  const written = (s: unknown) => {
    const w = s as Written
    return `${show(w.conditions, 'Accepted')}; ${w.listeners?.map((l) => l.name).join(',') || '-'}`
  }
  it.each(rows)('$name', ({ world, options, gateway: g, listenerSet: ls }) => {
    const analyzer = analyze(
      [
        ...world,
        gateway('infra', 'gw', [http('http')], {
          gatewayClassName: 'platform',
          allowedListeners: { namespaces: { from: 'Same' } },
        }),
        listenerSet(),
      ],
      options,
    )
    expect(written(analyzer.statusOf('Gateway', 'infra', 'gw'))).toBe(g)
    expect(written(analyzer.statusOf('ListenerSet', 'infra', 'extra'))).toBe(ls)
    // The listeners are still judged for the dashboard either way.
    expect(analyzer.gateway('infra', 'gw')?.listeners.map((l) => l.name)).toEqual(['http'])
  })
})

// Keep the ReferenceGrant fixture in use for a permitted cross-namespace certificate.
describe('a permitted cross-namespace certificate', () => {
  it('resolves, and the Gateway summary is ResolvedRefs', () => {
    const analyzer = analyze([
      gatewayClass(),
      namespace('infra'),
      secret('certs', 'cert'),
      grant(
        'certs',
        'allow',
        [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }],
        [{ group: '', kind: 'Secret' }],
      ),
      gateway('infra', 'gw', [https('https', 'cert', { namespace: 'certs' })]),
    ])
    expect(show(analyzer.gateway('infra', 'gw')?.conditions ?? [], 'ResolvedRefs')).toBe('True/ResolvedRefs')
  })
})
