// The attachment preview and the parentRef picker's candidates: what a proposal would do, in words.
import { describe, expect, it } from 'vitest'
import {
  Analyzer,
  type KubeObject,
  parentCandidates,
  parentChoiceIndex,
  parentRefForChoice,
  previewProposal,
  type Route,
} from '../../src/index.ts'
import { gateway, gatewayClass, http, namespace, route, service } from './fixtures.ts'

function world(objects: KubeObject[]): Analyzer {
  const analyzer = new Analyzer()
  for (const o of objects) analyzer.upsert(o)
  analyzer.refresh()
  return analyzer
}

const base = [
  gatewayClass(),
  namespace('infra'),
  namespace('shop', { team: 'shop' }),
  namespace('other'),
  gateway('infra', 'edge', [
    http('http', { hostname: 'www.example.com', allowedRoutes: { namespaces: { from: 'All' } } }),
    http('internal', { port: 8080, allowedRoutes: { namespaces: { from: 'Same' } } }),
  ]),
  service('shop', 'web'),
]

const shopRoute = (parentRefs: unknown[], hostnames = ['www.example.com']) =>
  route('HTTPRoute', 'shop', 'r', {
    parentRefs,
    hostnames,
    rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }],
  })

describe('previewProposal', () => {
  it('says a new parentRef will attach and a listener that forbids the namespace will reject, and why', () => {
    const current = shopRoute([{ name: 'edge', namespace: 'infra', sectionName: 'http' }])
    const analyzer = world([...base, current])
    const proposed = shopRoute([
      { name: 'edge', namespace: 'infra', sectionName: 'http' },
      { name: 'edge', namespace: 'infra', sectionName: 'internal' },
    ])
    const preview = previewProposal(analyzer, proposed)
    expect(preview.attachment?.map((c) => [c.index, c.before, c.after])).toEqual([
      [0, 'attached', 'attached'],
      [1, undefined, 'rejected'],
    ])
    expect(preview.attachment?.[0]?.text).toBe('stays attached to listener http of Gateway infra/edge')
    expect(preview.attachment?.[1]?.text).toBe('will be rejected by listener internal of Gateway infra/edge')
    expect(preview.attachment?.[1]?.reason).toMatch(/namespace/i)
    // The proposal is not left behind in the analysis.
    expect(analyzer.route('HTTPRoute', 'shop', 'r')?.parents).toHaveLength(1)
  })

  it('says when a hostname change makes a route lose its listener, and names a removed parentRef', () => {
    const current = shopRoute([{ name: 'edge', namespace: 'infra', sectionName: 'http' }])
    const analyzer = world([...base, current])
    const moved = previewProposal(
      analyzer,
      shopRoute([{ name: 'edge', namespace: 'infra', sectionName: 'http' }], ['api.example.org']),
    )
    expect(moved.attachment?.[0]?.text).toBe('will be rejected by listener http of Gateway infra/edge')
    expect(moved.attachment?.[0]?.reason).toMatch(/hostname/i)
    const dropped = previewProposal(analyzer, shopRoute([]))
    expect(dropped.attachment).toEqual([
      expect.objectContaining({
        index: -1,
        before: 'attached',
        text: 'will no longer attach to listener http of Gateway infra/edge',
      }),
    ])
  })

  it('treats a new route as having no status before', () => {
    const analyzer = world(base)
    const preview = previewProposal(analyzer, shopRoute([{ name: 'edge', namespace: 'infra' }]))
    expect(preview.currentStatus).toBeUndefined()
    expect(preview.attachment?.[0]?.text).toBe('will now attach to listener http of Gateway infra/edge')
    expect(analyzer.route('HTTPRoute', 'shop', 'r')).toBeUndefined()
  })
})

describe('parentCandidates', () => {
  it('lists every listener and same-namespace Services, marking the ones that would reject and why', () => {
    const draft = shopRoute([]) as Route
    const analyzer = world([...base, service('other', 'db')])
    const choices = parentCandidates(analyzer, draft)
    expect(choices.map((c) => [c.label, c.accepted])).toEqual([
      ['Gateway infra/edge · listener http (HTTP 80)', true],
      ['Gateway infra/edge · listener internal (HTTP 8080)', false],
      ['Gateway infra/edge · every listener that admits it', true],
      ['Gateway infra/edge · port 80', true],
      ['Gateway infra/edge · port 8080', false],
      ['Service shop/web (mesh)', true],
      ['Service shop/web · port http (8080) (mesh)', true],
      ['Service other/db (mesh)', true],
      ['Service other/db · port http (8080) (mesh)', true],
    ])
    expect(choices[1]?.reason).toMatch(/namespace/i)
    expect(choices[1]?.ref).toEqual({
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      namespace: 'infra',
      name: 'edge',
      sectionName: 'internal',
    })
  })

  it('picks the Service port choice for a mesh parentRef with group "", kind Service and a port', () => {
    const draft = shopRoute([]) as Route
    const choices = parentCandidates(world([...base, service('shop', 'api', [{ port: 9080 }])]), draft)
    const written = { group: '', kind: 'Service', name: 'web', port: 8080 }
    const picked = choices[parentChoiceIndex(written, 'shop', choices)]
    expect(picked?.label).toBe('Service shop/web · port http (8080) (mesh)')
    expect(picked?.ref).toEqual({ group: '', kind: 'Service', namespace: 'shop', name: 'web', port: 8080 })
    expect(parentRefForChoice(written, picked!, 'shop')).toEqual(written)
    // Without a port the parentRef is the whole Service; an unnamed port is labelled by its number.
    expect(
      choices[parentChoiceIndex({ group: '', kind: 'Service', name: 'web' }, 'shop', choices)]?.label,
    ).toBe('Service shop/web (mesh)')
    expect(choices.map((c) => c.label)).toContain('Service shop/api · port 9080 (mesh)')
    expect(parentChoiceIndex({ group: '', kind: 'Service', name: 'web', port: 9999 }, 'shop', choices)).toBe(
      -1,
    )
  })

  it('picks the whole Gateway for a parentRef naming no listener, and the port choice for one naming a port', () => {
    const choices = parentCandidates(world(base), shopRoute([]) as Route)
    const whole = choices[parentChoiceIndex({ name: 'edge', namespace: 'infra' }, 'shop', choices)]
    expect(whole?.label).toBe('Gateway infra/edge · every listener that admits it')
    expect(whole?.ref).toEqual({
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      namespace: 'infra',
      name: 'edge',
    })
    expect(parentRefForChoice({ name: 'edge', namespace: 'infra' }, whole!, 'shop')).toEqual({
      name: 'edge',
      namespace: 'infra',
    })
    const port = choices[parentChoiceIndex({ name: 'edge', namespace: 'infra', port: 8080 }, 'shop', choices)]
    expect(port?.label).toBe('Gateway infra/edge · port 8080')
    expect(port?.accepted).toBe(false)
    expect(parentChoiceIndex({ name: 'edge', namespace: 'infra', port: 9 }, 'shop', choices)).toBe(-1)
  })

  it('offers no Services to kinds that cannot be mesh routes', () => {
    const tls = route('TLSRoute', 'shop', 't', { parentRefs: [] }) as Route
    expect(parentCandidates(world(base), tls).every((c) => c.ref.kind !== 'Service')).toBe(true)
  })
})
