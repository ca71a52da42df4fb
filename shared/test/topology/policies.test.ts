// Policy nodes in the topology: one lane for every policy kind, an edge to the exact object a
// targetRef names (a listener when sectionName names one; a rule or port said on the edge), the
// node's health and verdict word from the policy's verdict, and missing targets drawn as missing.
import { describe, expect, it } from 'vitest'
import { analyze, buildTopology, COLUMN, type KubeObject } from '../../src/index.ts'
import { backend, gateway, gatewayClass, http, route, service } from '../analysis/fixtures.ts'

const NS = 'apps'
const GWG = 'gateway.networking.k8s.io'
const ENVOY = 'gateway.envoyproxy.io/v1alpha1'

const policy = (
  apiVersion: string,
  kind: string,
  name: string,
  targetRefs: unknown[],
  created?: string,
): KubeObject => ({
  apiVersion,
  kind,
  metadata: { namespace: NS, name, ...(created ? { creationTimestamp: created } : {}) },
  spec: { targetRefs },
})

const world = (): KubeObject[] => [
  gatewayClass(),
  gateway(NS, 'edge', [http('web'), http('admin', { port: 8080 })]),
  service(NS, 'shop', [{ name: 'http', port: 8080 }]),
  route('HTTPRoute', NS, 'shop', {
    parentRefs: [{ name: 'edge', sectionName: 'web' }],
    rules: [{ name: 'catalog', backendRefs: [backend('shop')] }],
  }),
]

const gw = (sectionName?: string) => ({
  group: GWG,
  kind: 'Gateway',
  name: 'edge',
  ...(sectionName ? { sectionName } : {}),
})
const rt = (name: string, sectionName?: string) => ({
  group: GWG,
  kind: 'HTTPRoute',
  name,
  ...(sectionName ? { sectionName } : {}),
})
const svc = (sectionName?: string) => ({
  group: '',
  kind: 'Service',
  name: 'shop',
  ...(sectionName ? { sectionName } : {}),
})

const topologyOf = (...policies: KubeObject[]) => buildTopology(analyze([...world(), ...policies]))

describe('policy nodes and their target edges', () => {
  const rows: {
    name: string
    policy: KubeObject
    target: string
    targetHealth: string
    edge: { health: string; note?: string }
    health: string
    verdict: string
  }[] = [
    {
      name: 'a Gateway-wide policy points at the Gateway',
      policy: policy(ENVOY, 'ClientTrafficPolicy', 'p', [gw()]),
      target: 'Gateway:Gateway/apps/edge',
      targetHealth: 'ok',
      edge: { health: 'ok' },
      health: 'ok',
      verdict: 'Accepted',
    },
    {
      name: 'a sectionName naming a listener points at the listener',
      policy: policy(ENVOY, 'ClientTrafficPolicy', 'p', [gw('admin')]),
      target: 'Listener:Gateway/apps/edge#admin',
      targetHealth: 'ok',
      edge: { health: 'ok' },
      health: 'ok',
      verdict: 'Accepted',
    },
    {
      name: 'a rule named by sectionName: the route, with the rule on the edge',
      policy: policy(ENVOY, 'BackendTrafficPolicy', 'p', [rt('shop', 'catalog')]),
      target: 'Route:HTTPRoute/apps/shop',
      targetHealth: 'ok',
      edge: { health: 'ok', note: 'rule catalog' },
      health: 'ok',
      verdict: 'Accepted',
    },
    {
      name: 'a BackendTLSPolicy points at the Service (one code path for every kind)',
      policy: policy(`${GWG}/v1`, 'BackendTLSPolicy', 'p', [svc()]),
      target: 'Backend:Service/apps/shop',
      targetHealth: 'ok',
      edge: { health: 'ok' },
      health: 'ok',
      verdict: 'Accepted',
    },
    {
      name: 'a Service port by name is said on the edge',
      policy: policy(`${GWG}/v1`, 'BackendTLSPolicy', 'p', [svc('http')]),
      target: 'Backend:Service/apps/shop',
      targetHealth: 'ok',
      edge: { health: 'ok', note: 'port http' },
      health: 'ok',
      verdict: 'Accepted',
    },
    {
      name: 'a route that does not exist is drawn missing',
      policy: policy(ENVOY, 'SecurityPolicy', 'p', [rt('legacy')]),
      target: 'Route:HTTPRoute/apps/legacy',
      targetHealth: 'missing',
      edge: { health: 'error', note: '✕ target not found' },
      health: 'error',
      verdict: 'Target not found',
    },
    {
      name: 'a listener that does not exist: the edge goes to the Gateway and names it',
      policy: policy(ENVOY, 'ClientTrafficPolicy', 'p', [gw('tls')]),
      target: 'Gateway:Gateway/apps/edge',
      targetHealth: 'ok',
      edge: { health: 'error', note: 'listener tls ✕ target not found' },
      health: 'error',
      verdict: 'Target not found',
    },
    {
      name: 'a kind the policy may not target is Invalid, on the drawn object',
      policy: policy(ENVOY, 'ClientTrafficPolicy', 'p', [rt('shop')]),
      target: 'Route:HTTPRoute/apps/shop',
      targetHealth: 'ok',
      edge: { health: 'error', note: '✕ invalid' },
      health: 'error',
      verdict: 'Invalid',
    },
    {
      name: 'a target Gatemap cannot read is pending, not missing',
      policy: policy('security.istio.io/v1', 'AuthorizationPolicy', 'p', [
        { group: 'networking.istio.io', kind: 'ServiceEntry', name: 'external' },
      ]),
      target: 'Backend:ServiceEntry/apps/external',
      targetHealth: 'pending',
      edge: { health: 'pending' },
      health: 'pending',
      verdict: 'Cannot check',
    },
  ]
  it.each(rows)('$name', (row) => {
    const t = topologyOf(row.policy)
    const id = `Policy:${row.policy.kind}/${NS}/p`
    const node = t.nodes.find((n) => n.id === id)
    expect(node).toMatchObject({ role: 'Policy', column: COLUMN.Policy, health: row.health })
    expect(node?.detail.verdict).toBe(row.verdict)
    expect(t.nodes.find((n) => n.id === row.target)?.health).toBe(row.targetHealth)
    const edges = t.edges.filter((e) => e.source === id)
    expect(edges).toHaveLength(1)
    expect(edges[0]).toMatchObject({ target: row.target, role: 'policy', ...row.edge })
    if (row.edge.note === undefined) expect(edges[0]?.note).toBeUndefined()
  })
})

describe('conflicts and several targets', () => {
  it('the conflicted loser is a problem that names the winner; the winner stays OK', () => {
    const t = topologyOf(
      policy(ENVOY, 'BackendTrafficPolicy', 'old', [rt('shop')], '2026-01-01T00:00:00Z'),
      policy(ENVOY, 'BackendTrafficPolicy', 'new', [rt('shop')], '2026-02-01T00:00:00Z'),
    )
    const node = (name: string) => t.nodes.find((n) => n.id === `Policy:BackendTrafficPolicy/${NS}/${name}`)
    expect(node('old')).toMatchObject({ health: 'ok', detail: { verdict: 'Accepted' } })
    expect(node('new')).toMatchObject({ health: 'error', detail: { verdict: 'Conflicted (old wins)' } })
    const lost = t.edges.find((e) => e.source === node('new')?.id)
    expect(lost).toMatchObject({ target: 'Route:HTTPRoute/apps/shop', health: 'error', note: '✕ conflicted' })
  })

  it('one edge per target, and the verdict counts the rejected ones', () => {
    const t = topologyOf(policy(ENVOY, 'BackendTrafficPolicy', 'p', [gw(), rt('shop'), rt('gone')]))
    const id = `Policy:BackendTrafficPolicy/${NS}/p`
    expect(t.nodes.find((n) => n.id === id)?.detail.verdict).toBe('Target not found on 1 of 3 targets')
    expect(
      t.edges
        .filter((e) => e.source === id)
        .map((e) => e.target)
        .sort(),
    ).toEqual(['Gateway:Gateway/apps/edge', 'Route:HTTPRoute/apps/gone', 'Route:HTTPRoute/apps/shop'])
  })

  it('the same route targeted whole and by rule gives two edges', () => {
    const t = topologyOf(policy(ENVOY, 'BackendTrafficPolicy', 'p', [rt('shop'), rt('shop', 'catalog')]))
    const notes = t.edges.filter((e) => e.role === 'policy').map((e) => e.note ?? '')
    expect(notes.sort()).toEqual(['', 'rule catalog'])
  })

  it('a missing Service a route and a policy both name is one node', () => {
    const t = topologyOf(
      policy(`${GWG}/v1`, 'BackendTLSPolicy', 'p', [{ group: '', kind: 'Service', name: 'nope' }]),
    )
    expect(t.nodes.filter((n) => n.id === 'Backend:Service/apps/nope')).toHaveLength(1)
    expect(t.nodes.find((n) => n.id === 'Backend:Service/apps/nope')?.health).toBe('missing')
  })
})
