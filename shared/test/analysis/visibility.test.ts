// Partial visibility (bearer mode): a person sees only the kinds and namespaces RBAC lets them list.
// Each row is a world, what the person may see of it, and one reference from something they can see
// into something they cannot. Analysed from the objects they were sent alone, the reference looks
// broken (the row's `blind` reason); with the facts of what is hidden (the kind states they were
// sent), the analysis must say "cannot check" instead, not flag the controller's status as
// disagreeing, and name nothing found only in what is hidden.
import { describe, expect, it } from 'vitest'
import {
  ALL_READABLE,
  Analyzer,
  type Check,
  type Condition,
  findings,
  hiddenReason,
  type KubeObject,
  previewProposal,
  sameUnreadable,
  type Unreadable,
  unreadableFrom,
} from '../../src/index.ts'
import { backend, gateway, gatewayClass, grant, http, namespace, route, service } from './fixtures.ts'

const GROUP = 'gateway.networking.k8s.io'
const KINDS: [string, string][] = [
  [GROUP, 'GatewayClass'],
  [GROUP, 'Gateway'],
  [GROUP, 'ListenerSet'],
  [GROUP, 'HTTPRoute'],
  [GROUP, 'ReferenceGrant'],
  ['', 'Namespace'],
  ['', 'Service'],
  ['', 'Secret'],
]

/** Per kind: hidden everywhere ('none'), visible only in these namespaces, or (absent) everywhere. */
type Visible = Partial<Record<string, 'none' | string[]>>

/** What the person's stream carries: the objects they may list and the kind states. */
function personView(world: KubeObject[], visible: Visible) {
  const states = KINDS.map(([group, kind]) => {
    const v = visible[kind]
    if (v === 'none') return { group, kind, state: 'forbidden' }
    return Array.isArray(v) ? { group, kind, state: 'ok', namespaces: v } : { group, kind, state: 'ok' }
  })
  const objects = world.filter((o) => {
    const v = visible[o.kind]
    if (v === 'none') return false
    return Array.isArray(v) ? v.includes(o.metadata.namespace ?? '') : true
  })
  return { objects, unreadable: unreadableFrom(states) }
}

function analysed(objects: KubeObject[], unreadable: Unreadable): Analyzer {
  const analyzer = new Analyzer({ unreadable })
  for (const o of objects) analyzer.upsert(o)
  analyzer.refresh()
  return analyzer
}

const secret = (ns: string, name: string): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { namespace: ns, name },
    type: 'kubernetes.io/tls',
  }) as KubeObject

const listenerSet = (ns: string, name: string, parent: Record<string, unknown>): KubeObject => ({
  apiVersion: `${GROUP}/v1`,
  kind: 'ListenerSet',
  metadata: { namespace: ns, name, generation: 1 },
  spec: { parentRef: parent, listeners: [{ name: 'extra', port: 8080, protocol: 'HTTP' }] },
})

/** A route in `team` with one parentRef and one rule. */
function teamRoute(
  parentRef: Record<string, unknown>,
  backendRefs: unknown[] = [backend('app')],
): KubeObject {
  return route('HTTPRoute', 'team', 'r', { parentRefs: [parentRef], rules: [{ backendRefs }] })
}

/** The same route with its controller's word: Accepted=True and ResolvedRefs=True for its parentRef. */
function withControllerStatus(r: KubeObject): KubeObject {
  const parentRef = (r.spec as { parentRefs: unknown[] }).parentRefs[0]
  const cond = (type: string) => ({ type, status: 'True', reason: type, message: '', observedGeneration: 1 })
  return {
    ...r,
    status: {
      parents: [
        {
          parentRef,
          controllerName: 'example.com/controller',
          conditions: [cond('Accepted'), cond('ResolvedRefs')],
        },
      ],
    },
  }
}

const allowAll = { allowedRoutes: { namespaces: { from: 'All' } } }
const edge = gateway('infra', 'edge', [http('http', allowAll)])
/** Found only by searching the hidden namespace; no message may name it. */
const decoy = gateway('infra', 'edge-internal', [http('http', allowAll)])
const base = [
  gatewayClass(),
  namespace('team'),
  namespace('infra'),
  namespace('other'),
  service('team', 'app'),
]
const httpRouteFrom = (ns: string) => ({ from: [{ group: GROUP, kind: 'HTTPRoute', namespace: ns }] })

interface Row {
  name: string
  world: KubeObject[]
  visible: Visible
  /** Where the verdict is: a parentRef's Accepted, the route's ResolvedRefs, or a listener's ResolvedRefs. */
  where: 'parent' | 'backends' | 'listener'
  /** The reason the analysis gives without the facts of what is hidden (it claims something is wrong). */
  blind: string
  /** Names that exist only where the person cannot see, and so must appear in no message. */
  secretNames: string[]
}

const rows: Row[] = [
  {
    name: 'parentRef to a Gateway in a hidden namespace',
    world: [...base, edge, decoy, withControllerStatus(teamRoute({ name: 'edge', namespace: 'infra' }))],
    visible: { Gateway: ['team'], Namespace: 'none' },
    where: 'parent',
    blind: 'NoMatchingParent',
    secretNames: ['edge-internal', 'http'],
  },
  {
    name: 'parentRef to a ListenerSet in a hidden namespace',
    world: [
      ...base,
      edge,
      listenerSet('infra', 'extra', { name: 'edge' }),
      withControllerStatus(teamRoute({ kind: 'ListenerSet', name: 'extra', namespace: 'infra' })),
    ],
    visible: { Gateway: ['team'], ListenerSet: ['team'] },
    where: 'parent',
    blind: 'NoMatchingParent',
    secretNames: ['edge'],
  },
  {
    name: 'parentRef to a visible ListenerSet whose Gateway is in a hidden namespace',
    world: [
      ...base,
      edge,
      listenerSet('team', 'mine', { name: 'edge', namespace: 'infra' }),
      withControllerStatus(teamRoute({ kind: 'ListenerSet', name: 'mine' })),
    ],
    visible: { Gateway: ['team'] },
    where: 'parent',
    blind: 'Pending',
    secretNames: ['http'],
  },
  {
    name: 'parentRef to a Service (mesh) in a hidden namespace',
    world: [
      ...base,
      service('infra', 'mesh'),
      withControllerStatus(teamRoute({ group: '', kind: 'Service', name: 'mesh', namespace: 'infra' })),
    ],
    visible: { Service: ['team'] },
    where: 'parent',
    blind: 'NoMatchingParent',
    secretNames: [],
  },
  {
    name: 'parentRef to a Gateway when Gateways are hidden entirely',
    world: [...base, gateway('team', 'gw', [http('http')]), withControllerStatus(teamRoute({ name: 'gw' }))],
    visible: { Gateway: 'none' },
    where: 'parent',
    blind: 'NoMatchingParent',
    secretNames: [],
  },
  {
    name: "listener selecting namespaces by label when the route's Namespace cannot be read",
    world: [
      ...base,
      gateway('team', 'gw', [
        http('http', {
          allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { access: 'yes' } } } },
        }),
      ]),
      namespace('apps', { access: 'yes' }),
      service('apps', 'app'),
      withControllerStatus({
        ...teamRoute({ name: 'gw', namespace: 'team' }),
        metadata: { namespace: 'apps', name: 'r', generation: 1 },
      }),
    ],
    visible: { Namespace: 'none' },
    where: 'parent',
    blind: 'NotAllowedByListeners',
    secretNames: [],
  },
  {
    name: 'backendRef to a Service in a hidden namespace',
    world: [
      ...base,
      gateway('team', 'gw', [http('http')]),
      service('other', 'api'),
      grant('other', 'let-team', [httpRouteFrom('team').from[0]], [{ group: '', kind: 'Service' }]),
      withControllerStatus(teamRoute({ name: 'gw' }, [backend('api', 8080, { namespace: 'other' })])),
    ],
    visible: { Service: ['team'] },
    where: 'backends',
    blind: 'BackendNotFound',
    secretNames: [],
  },
  {
    name: 'backendRef whose ReferenceGrant would be in a hidden namespace',
    world: [
      ...base,
      gateway('team', 'gw', [http('http')]),
      service('other', 'api'),
      grant('other', 'let-team-in', [httpRouteFrom('team').from[0]], [{ group: '', kind: 'Service' }]),
      withControllerStatus(teamRoute({ name: 'gw' }, [backend('api', 8080, { namespace: 'other' })])),
    ],
    visible: { ReferenceGrant: ['team'] },
    where: 'backends',
    blind: 'RefNotPermitted',
    secretNames: ['let-team-in'],
  },
  {
    name: 'certificateRef to a Secret in a hidden namespace',
    world: [
      ...base,
      gateway('team', 'gw', [
        http('https', {
          port: 443,
          protocol: 'HTTPS',
          tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert', namespace: 'other' }] },
        }),
      ]),
      secret('other', 'cert'),
      grant(
        'other',
        'certs',
        [{ group: GROUP, kind: 'Gateway', namespace: 'team' }],
        [{ group: '', kind: 'Secret' }],
      ),
    ],
    visible: { Secret: ['team'] },
    where: 'listener',
    blind: 'InvalidCertificateRef',
    secretNames: [],
  },
  {
    name: 'certificateRef whose ReferenceGrant would be in a hidden namespace',
    world: [
      ...base,
      gateway('team', 'gw', [
        http('https', {
          port: 443,
          protocol: 'HTTPS',
          tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert', namespace: 'other' }] },
        }),
      ]),
      secret('other', 'cert'),
      grant(
        'other',
        'certs-for-team',
        [{ group: GROUP, kind: 'Gateway', namespace: 'team' }],
        [{ group: '', kind: 'Secret' }],
      ),
    ],
    visible: { ReferenceGrant: ['team'] },
    where: 'listener',
    blind: 'RefNotPermitted',
    secretNames: ['certs-for-team'],
  },
]

function verdictOf(analyzer: Analyzer, row: Row): { condition: Condition | undefined; checks: Check[] } {
  if (row.where === 'listener') {
    const l = analyzer.gateway('team', 'gw')?.listeners[0]
    return { condition: l?.conditions.find((c) => c.type === 'ResolvedRefs'), checks: l?.checks ?? [] }
  }
  const r = [...analyzer.routes][0]
  if (row.where === 'backends')
    return { condition: r?.resolvedRefs, checks: r?.backends.flatMap((b) => b.explain()) ?? [] }
  return { condition: r?.parents[0]?.accepted, checks: r?.parents[0]?.explain() ?? [] }
}

describe('references into what the person cannot see', () => {
  it.each(rows)('$name: without the facts of what is hidden, it looks like $blind', (row) => {
    const { objects } = personView(row.world, row.visible)
    const { condition } = verdictOf(analysed(objects, ALL_READABLE), row)
    expect(condition?.reason).toBe(row.blind)
  })

  it.each(rows)('$name: with them, "cannot check", never $blind', (row) => {
    const { objects, unreadable } = personView(row.world, row.visible)
    const analyzer = analysed(objects, unreadable)
    const { condition, checks } = verdictOf(analyzer, row)
    expect(condition?.reason).not.toBe(row.blind)
    // Neither failed nor claimed resolved: a listener's certificate is as unknown as a backend.
    expect(condition?.status).toBe('Unknown')
    expect(condition?.reason).toBe('CannotCheck')
    expect(condition?.message).toMatch(/^Cannot check .*(not visible to you|no permission to read)/)
    const warned = checks.filter((c) => c.outcome === 'warn')
    expect(warned.map((c) => c.message).join(' ')).toMatch(
      /Cannot check .*(not visible to you|no permission to read)/,
    )
    expect(checks.filter((c) => c.outcome === 'fail')).toEqual([])
    const all = findings(analyzer)
    const unchecked = all.filter((f) => f.code === 'CannotCheck')
    expect(unchecked.length).toBeGreaterThan(0)
    expect(unchecked.every((f) => f.severity === 'info')).toBe(true)
    expect(all.filter((f) => f.severity === 'error')).toEqual([])
  })

  it.each(rows.filter((r) => r.where !== 'listener'))(
    "$name: the controller's status is not called into question",
    (row) => {
      const { objects, unreadable } = personView(row.world, row.visible)
      const blind = findings(analysed(objects, ALL_READABLE)).filter((f) => f.code === 'StatusDisagrees')
      expect(blind.length).toBeGreaterThan(0)
      const analyzer = analysed(objects, unreadable)
      expect(findings(analyzer).filter((f) => f.code === 'StatusDisagrees')).toEqual([])
      const comparison = [...analyzer.routes][0]?.parents[0]?.comparison ?? []
      expect(comparison.some((c) => c.verdict === 'unknown')).toBe(true)
      expect(comparison.some((c) => c.verdict === 'disagree')).toBe(false)
    },
  )

  it.each(rows.filter((r) => r.secretNames.length > 0))(
    '$name: no message names what only the hidden part holds',
    (row) => {
      const { objects, unreadable } = personView(row.world, row.visible)
      const analyzer = analysed(objects, unreadable)
      const text = JSON.stringify([
        findings(analyzer),
        [...analyzer.routes].map((r) => [r.parents, r.backends]),
        [...analyzer.gateways].map((g) => [g.checks, g.listeners]),
      ])
      for (const name of row.secretNames) expect(text).not.toMatch(new RegExp(`\\b${name}\\b`))
    },
  )
})

describe('a GatewayClass the person may not read', () => {
  it('is assumed, said once as "cannot check", and the Gateway and its routes are judged', () => {
    const world = [...base, gateway('team', 'gw', [http('http')]), teamRoute({ name: 'gw' })]
    const blind = analysed(personView(world, { GatewayClass: 'none' }).objects, ALL_READABLE)
    expect(blind.gateway('team', 'gw')?.conditions[0]).toMatchObject({ status: 'Unknown', reason: 'Pending' })
    const { objects, unreadable } = personView(world, { GatewayClass: 'none' })
    const analyzer = analysed(objects, unreadable)
    expect(analyzer.gateway('team', 'gw')?.conditions[0]).toMatchObject({
      status: 'True',
      reason: 'Accepted',
    })
    expect([...analyzer.routes][0]?.parents[0]?.accepted).toMatchObject({
      status: 'True',
      reason: 'Accepted',
    })
    const notes = findings(analyzer).filter((f) => f.code === 'GatewayClassAssumed')
    expect(notes.map((f) => f.message)).toEqual([
      'GatewayClass gc (named by Gateway team/gw) cannot be checked (no permission to read GatewayClasses); it is assumed to exist and be accepted, and everything attached to it is judged on that assumption.',
    ])
    expect(findings(analyzer).filter((f) => f.severity !== 'info')).toEqual([])
  })
})

describe('the attachment preview', () => {
  it('says a parent it cannot see cannot be checked, rather than that no controller handles it', () => {
    const { objects, unreadable } = personView([...base, edge], { Gateway: ['team'] })
    const analyzer = analysed(objects, unreadable)
    const preview = previewProposal(analyzer, teamRoute({ name: 'edge', namespace: 'infra' }))
    expect(preview.attachment?.[0]?.after).toBe('pending')
    expect(preview.attachment?.[0]?.text).toBe(
      'cannot be checked against Gateway infra/edge: what it depends on is not visible',
    )
    expect(preview.attachment?.[0]?.reason).toBe(
      'Cannot check Gateway infra/edge: Gateways in namespace infra are not visible to you.',
    )
  })
})

describe('hiddenReason and the kind states', () => {
  const u = unreadableFrom([
    { group: '', kind: 'Secret', state: 'forbidden' },
    { group: GROUP, kind: 'Gateway', state: 'ok', namespaces: ['team', 'apps'] },
    { group: GROUP, kind: 'HTTPRoute', state: 'ok' },
  ])
  it.each([
    ['', 'Secret', 'team', 'no permission to read Secrets'],
    ['', 'Secret', undefined, 'no permission to read Secrets'],
    [GROUP, 'Gateway', 'infra', 'Gateways in namespace infra are not visible to you'],
    [GROUP, 'Gateway', 'team', undefined],
    [GROUP, 'HTTPRoute', 'infra', undefined],
    ['', 'Service', 'infra', undefined],
  ])('%s/%s in %s → %s', (group, kind, ns, expected) => {
    expect(hiddenReason(u, group, kind, ns)).toBe(expected)
  })

  it('compares by content', () => {
    const again = unreadableFrom([
      { group: GROUP, kind: 'Gateway', state: 'ok', namespaces: ['apps', 'team'] },
      { group: '', kind: 'Secret', state: 'forbidden' },
    ])
    expect(sameUnreadable(u, again)).toBe(true)
    expect(sameUnreadable(u, ALL_READABLE)).toBe(false)
    const fewer = unreadableFrom([
      { group: '', kind: 'Secret', state: 'forbidden' },
      { group: GROUP, kind: 'Gateway', state: 'ok', namespaces: ['team'] },
    ])
    expect(sameUnreadable(u, fewer)).toBe(false)
  })
})
