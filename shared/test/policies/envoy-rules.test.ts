// Envoy Gateway's own rules for its policy kinds: the Overridden condition a wider policy gets when a
// closer one of the same kind replaces it somewhere below, targetSelectors (targets chosen by
// labels), and Gateway-wide policies reaching the ListenerSets attached to the Gateway.
import { describe, expect, it } from 'vitest'
import { analyze, type KubeObject } from '../../src/index.ts'
import {
  backend,
  gateway,
  gatewayClass,
  grant,
  http,
  namespace,
  route,
  service,
} from '../analysis/fixtures.ts'

const NS = 'apps'
const GWG = 'gateway.networking.k8s.io'
const EG = 'gateway.envoyproxy.io/v1alpha1'

const policy = (kind: string, name: string, spec: Record<string, unknown>, ns = NS): KubeObject => ({
  apiVersion: EG,
  kind,
  metadata: { namespace: ns, name, generation: 1 },
  spec,
})
const ref = (kind: string, name: string, sectionName?: string) => ({
  group: GWG,
  kind,
  name,
  ...(sectionName ? { sectionName } : {}),
})
const on = (kind: string, name: string, ...targets: ReturnType<typeof ref>[]) =>
  policy(kind, name, { targetRefs: targets, timeout: { http: { requestTimeout: '5s' } } })

const listenerSet = (
  name: string,
  listeners: unknown[],
  extra: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: `${GWG}/v1`,
  kind: 'ListenerSet',
  metadata: { namespace: NS, name, generation: 1, ...extra },
  spec: { parentRef: { name: 'edge' }, listeners },
})

/** Gateway edge (web, admin), ListenerSet team (more), routes: shop on web, all on the whole Gateway, team on team/more. */
const world = (): KubeObject[] => [
  gatewayClass(),
  gateway(NS, 'edge', [http('web'), http('admin', { port: 8080 })], {
    allowedListeners: { namespaces: { from: 'Same' } },
  }),
  listenerSet('team', [http('more', { port: 81 })]),
  service(NS, 'svc'),
  route('HTTPRoute', NS, 'shop', {
    parentRefs: [{ name: 'edge', sectionName: 'web' }],
    rules: [
      { name: 'one', backendRefs: [backend('svc')] },
      { name: 'two', backendRefs: [backend('svc')] },
    ],
  }),
  route('HTTPRoute', NS, 'all', {
    parentRefs: [{ name: 'edge' }],
    rules: [{ backendRefs: [backend('svc')] }],
  }),
  route('HTTPRoute', NS, 'team', {
    parentRefs: [{ kind: 'ListenerSet', name: 'team', sectionName: 'more' }],
    rules: [{ backendRefs: [backend('svc')] }],
  }),
]

/** `Overridden` of each ancestor of the named policy: `Gateway edge: by …` or `Gateway edge: -`. */
const overridden = (objects: KubeObject[], kind: string, name: string) => {
  const status = analyze(objects).statusOf(kind, NS, name) as {
    ancestors: {
      ancestorRef: { kind: string; name: string; sectionName?: string }
      conditions: { type: string; status: string; message: string }[]
    }[]
  }
  return status.ancestors.map((a) => {
    const c = a.conditions.find((x) => x.type === 'Overridden')
    const at = `${a.ancestorRef.kind} ${a.ancestorRef.name}${a.ancestorRef.sectionName ? `/${a.ancestorRef.sectionName}` : ''}`
    return `${at}: ${c ? `${c.status} at ${c.message.split(' at ')[1]?.split(';')[0]}` : '-'}`
  })
}

describe("Envoy Gateway's Overridden condition", () => {
  const BTP = 'BackendTrafficPolicy'
  const CTP = 'ClientTrafficPolicy'
  const rows: { name: string; policies: KubeObject[]; kind: string; of: string; want: string[] }[] = [
    {
      name: 'alone on the Gateway: not overridden',
      policies: [on(BTP, 'gw', ref('Gateway', 'edge'))],
      kind: BTP,
      of: 'gw',
      want: ['Gateway edge: -'],
    },
    {
      name: 'a listener policy overrides the Gateway’s',
      policies: [on(BTP, 'gw', ref('Gateway', 'edge')), on(BTP, 'admin', ref('Gateway', 'edge', 'admin'))],
      kind: BTP,
      of: 'gw',
      want: ['Gateway edge: True at listener admin of Gateway apps/edge'],
    },
    {
      name: 'a route policy overrides the Gateway’s and the policy of the listener the route is on',
      policies: [
        on(BTP, 'gw', ref('Gateway', 'edge')),
        on(BTP, 'web', ref('Gateway', 'edge', 'web')),
        on(BTP, 'shop', ref('HTTPRoute', 'shop')),
      ],
      kind: BTP,
      of: 'web',
      want: ['Gateway edge/web: True at HTTPRoute apps/shop'],
    },
    {
      name: 'a route on the whole Gateway overrides every listener’s policy',
      policies: [on(BTP, 'admin', ref('Gateway', 'edge', 'admin')), on(BTP, 'all', ref('HTTPRoute', 'all'))],
      kind: BTP,
      of: 'admin',
      want: ['Gateway edge/admin: True at HTTPRoute apps/all'],
    },
    {
      name: 'a route on another listener does not override a listener’s policy',
      policies: [
        on(BTP, 'admin', ref('Gateway', 'edge', 'admin')),
        on(BTP, 'shop', ref('HTTPRoute', 'shop')),
      ],
      kind: BTP,
      of: 'admin',
      want: ['Gateway edge/admin: -'],
    },
    {
      name: 'a rule policy overrides its route’s',
      policies: [on(BTP, 'shop', ref('HTTPRoute', 'shop')), on(BTP, 'one', ref('HTTPRoute', 'shop', 'one'))],
      kind: BTP,
      of: 'shop',
      want: ['Gateway edge/web: True at rule one of HTTPRoute apps/shop'],
    },
    {
      name: 'a route policy that merges (mergeType) does not override',
      policies: [
        on(BTP, 'gw', ref('Gateway', 'edge')),
        policy(BTP, 'shop', { targetRefs: [ref('HTTPRoute', 'shop')], mergeType: 'StrategicMerge' }),
      ],
      kind: BTP,
      of: 'gw',
      want: ['Gateway edge: -'],
    },
    {
      name: 'another kind never overrides',
      policies: [
        on(BTP, 'gw', ref('Gateway', 'edge')),
        policy('SecurityPolicy', 'sp', { targetRefs: [ref('HTTPRoute', 'shop')] }),
      ],
      kind: BTP,
      of: 'gw',
      want: ['Gateway edge: -'],
    },
    {
      name: 'a rejected policy does not override (its target does not exist)',
      policies: [on(BTP, 'gw', ref('Gateway', 'edge')), on(BTP, 'lost', ref('Gateway', 'edge', 'nope'))],
      kind: BTP,
      of: 'gw',
      want: ['Gateway edge: -'],
    },
    {
      name: 'ListenerSets below the Gateway: the ListenerSet’s policy and a route through it override the Gateway’s',
      policies: [
        on(BTP, 'gw', ref('Gateway', 'edge')),
        on(BTP, 'set', ref('ListenerSet', 'team')),
        on(BTP, 'team', ref('HTTPRoute', 'team')),
      ],
      kind: BTP,
      of: 'gw',
      want: ['Gateway edge: True at HTTPRoute apps/team, ListenerSet apps/team'],
    },
    {
      name: 'a ClientTrafficPolicy on the Gateway is overridden by a ListenerSet’s, wide or on one listener (Envoy Gateway testdata: listenerset-wide-beats-gateway-wide)',
      policies: [
        on(CTP, 'gw', ref('Gateway', 'edge')),
        on(CTP, 'set', ref('ListenerSet', 'team')),
        on(CTP, 'more', ref('ListenerSet', 'team', 'more')),
      ],
      kind: CTP,
      of: 'gw',
      want: ['Gateway edge: True at ListenerSet apps/team, listener more of ListenerSet apps/team'],
    },
    {
      name: 'a rule’s policy overrides the Gateway’s, named by its route (Envoy Gateway testdata: mergetype-unset)',
      policies: [on(BTP, 'gw', ref('Gateway', 'edge')), on(BTP, 'one', ref('HTTPRoute', 'shop', 'one'))],
      kind: BTP,
      of: 'gw',
      want: ['Gateway edge: True at HTTPRoute apps/shop'],
    },
    {
      name: 'a ListenerSet-wide policy is overridden by its listener’s',
      policies: [
        on(CTP, 'set', ref('ListenerSet', 'team')),
        on(CTP, 'more', ref('ListenerSet', 'team', 'more')),
      ],
      kind: CTP,
      of: 'set',
      want: ['ListenerSet team: True at listener more of ListenerSet apps/team'],
    },
  ]
  it.each(rows)('$name', ({ policies, kind, of, want }) => {
    expect(overridden([...world(), ...policies], kind, of)).toEqual(want)
  })

  it('stays Accepted, and is not a problem finding', () => {
    const objects = [
      ...world(),
      on(BTP, 'gw', ref('Gateway', 'edge')),
      on(BTP, 'shop', ref('HTTPRoute', 'shop')),
    ]
    const status = analyze(objects).statusOf(BTP, NS, 'gw') as {
      ancestors: { conditions: { type: string; status: string }[] }[]
    }
    expect(status.ancestors[0]?.conditions.map((c) => `${c.type}=${c.status}`)).toEqual([
      'Accepted=True',
      'Overridden=True',
    ])
  })
})

describe("Envoy Gateway's targetSelectors", () => {
  const labelled = (name: string, labels: Record<string, string>, ns = NS): KubeObject =>
    route(
      'HTTPRoute',
      ns,
      name,
      {
        parentRefs: [{ name: 'edge', namespace: NS }],
        rules: [{ backendRefs: [backend('svc', 8080, { namespace: NS })] }],
      },
      { labels },
    )
  const selecting = (selector: Record<string, unknown>) =>
    policy('BackendTrafficPolicy', 'p', {
      targetSelectors: [{ kind: 'HTTPRoute', ...selector }],
      retry: { numRetries: 2 },
    })
  const targets = (objects: KubeObject[]) =>
    analyze(objects)
      .policies()
      .policy('BackendTrafficPolicy', NS, 'p')
      ?.targets.map((t) => `${t.path} ${t.target.namespace}/${t.target.name} ${t.accepted}`)
  const base = () => [
    gatewayClass(),
    namespace('other', { team: 'b' }),
    gateway(NS, 'edge', [http('web', { allowedRoutes: { namespaces: { from: 'All' } } })]),
    service(NS, 'svc'),
    labelled('gold', { tier: 'gold' }),
    labelled('silver', { tier: 'silver' }),
    labelled('far', { tier: 'gold' }, 'other'),
  ]
  const rows: { name: string; selector: Record<string, unknown>; extra?: KubeObject[]; want: string[] }[] = [
    {
      name: 'matchLabels, in the policy’s own namespace only',
      selector: { matchLabels: { tier: 'gold' } },
      want: ['spec.targetSelectors[0] apps/gold true'],
    },
    {
      name: 'matchExpressions',
      selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['gold', 'silver'] }] },
      want: ['spec.targetSelectors[0] apps/gold true', 'spec.targetSelectors[0] apps/silver true'],
    },
    {
      name: 'namespaces from All still needs a ReferenceGrant in the other namespace',
      selector: { matchLabels: { tier: 'gold' }, namespaces: { from: 'All' } },
      want: ['spec.targetSelectors[0] apps/gold true'],
    },
    {
      name: 'namespaces from Selector with a ReferenceGrant there',
      selector: {
        matchLabels: { tier: 'gold' },
        namespaces: { from: 'Selector', selector: { matchLabels: { team: 'b' } } },
      },
      extra: [
        grant(
          'other',
          'let-policies',
          [{ group: 'gateway.envoyproxy.io', kind: 'BackendTrafficPolicy', namespace: NS }],
          [{ group: GWG, kind: 'HTTPRoute' }],
        ),
      ],
      want: ['spec.targetSelectors[0] other/far true'],
    },
    { name: 'nothing matches: no targets', selector: { matchLabels: { tier: 'platinum' } }, want: [] },
  ]
  it.each(rows)('$name', ({ selector, extra, want }) => {
    expect(targets([...base(), ...(extra ?? []), selecting(selector)])).toEqual(want)
  })

  it('a selected route is a target like a named one: its Gateway is the ancestor, and the check says why', () => {
    const a = analyze([...base(), selecting({ matchLabels: { tier: 'gold' } })])
    const v = a.policies().policy('BackendTrafficPolicy', NS, 'p')
    expect(v?.ancestors.map((x) => `${x.ancestorRef.kind} ${x.ancestorRef.name}`)).toEqual(['Gateway edge'])
    expect(v?.targets[0]?.checks[0]?.message).toContain('tier=gold')
  })
})

describe('Gateway-wide policies and ListenerSets', () => {
  const effective = (objects: KubeObject[]) =>
    Object.fromEntries(
      analyze(objects)
        .policies()
        .effectiveList()
        .filter((e) => e.target.kind !== 'Service')
        .map((e) => [
          `${e.target.kind} ${e.target.name}${e.target.sectionName ? `/${e.target.sectionName}` : ''}`,
          e.policies.map((p) => p.name),
        ]),
    )

  it('a Gateway policy reaches the attached ListenerSet, its listeners and the routes on them', () => {
    expect(effective([...world(), on('ClientTrafficPolicy', 'gw', ref('Gateway', 'edge'))])).toMatchObject({
      'ListenerSet team': ['gw'],
      'ListenerSet team/more': ['gw'],
    })
  })

  it('the ListenerSet’s own policy replaces it there; a Gateway listener’s policy never reaches it', () => {
    const got = effective([
      ...world(),
      on('BackendTrafficPolicy', 'gw', ref('Gateway', 'edge')),
      on('BackendTrafficPolicy', 'web', ref('Gateway', 'edge', 'web')),
      on('BackendTrafficPolicy', 'set', ref('ListenerSet', 'team')),
    ])
    expect(got['ListenerSet team/more']).toEqual(['set'])
    expect(got['HTTPRoute team']).toEqual(['set'])
    expect(got['HTTPRoute shop']).toEqual(['web'])
  })

  it('a ListenerSet the Gateway does not allow gets nothing from it', () => {
    const objects = world().map((o) =>
      o.kind === 'Gateway'
        ? { ...o, spec: { ...(o.spec as object), allowedListeners: { namespaces: { from: 'None' } } } }
        : o,
    )
    const got = effective([...objects, on('ClientTrafficPolicy', 'gw', ref('Gateway', 'edge'))])
    expect(got['ListenerSet team']).toBeUndefined()
    expect(got['ListenerSet team/more']).toBeUndefined()
  })
})
