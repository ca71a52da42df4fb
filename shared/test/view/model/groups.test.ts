// Namespace groups (automatic above a size, overridable both ways), Gateway groups, and what a group
// says about the nodes it hides: counts, problems, worst health, merged edges.

import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src/index.ts'
import { buildView } from '../../../src/view/model/build-view.ts'
import type { GroupViewNode, ViewState } from '../../../src/view/model/view-types.ts'
import { gateway, http, route } from '../../analysis/fixtures.ts'
import { ID, objectIds, state, viewEdge, viewNode, WORLD, world } from './world.ts'

const { topology, findings } = world()
const groupIds = (filters: Partial<ViewState>, autoCollapseAbove?: number) =>
  buildView(topology, findings, state(filters), autoCollapseAbove === undefined ? {} : { autoCollapseAbove })
    .nodes.filter((n) => n.type === 'group')
    .map((n) => n.id)
const group = (id: string, filters: Partial<ViewState> = { collapsed: [id] }) => {
  const n = viewNode(buildView(topology, findings, state(filters)), id)
  return n?.type === 'group' ? n : undefined
}
const totalProblems = (nodes: readonly { problems: number }[]) =>
  nodes.reduce((sum, n) => sum + n.problems, 0)

describe('namespace groups', () => {
  const multi = ['ns:team-a:3', 'ns:team-a:4', 'ns:team-c:3', 'ns:team-c:4']
  it.each<[string, Partial<ViewState>, number | undefined, string[]]>([
    ['below the threshold all are open', {}, undefined, []],
    ['above it every group of more than one node closes', {}, 5, multi],
    ['at exactly the threshold they stay open', {}, topology.nodes.length, []],
    ['above it, one the person opened stays open', { expanded: ['ns:team-a:3'] }, 5, multi.slice(1)],
    [
      'above it, a single node closes when asked',
      { collapsed: ['ns:team-b:3'] },
      5,
      [...multi, 'ns:team-b:3'],
    ],
    ['below it, one the person closed closes', { collapsed: ['ns:team-a:4'] }, undefined, ['ns:team-a:4']],
    ['the threshold counts what the filters left', { namespaces: ['team-b'] }, 5, []],
  ])('%s', (_, filters, threshold, expected) => {
    expect(groupIds(filters, threshold).sort()).toEqual([...expected].sort())
  })

  it('summarises what it hides: counts, label, problems and worst health', () => {
    expect(group('ns:team-a:3')?.group).toEqual({
      id: 'ns:team-a:3',
      kind: 'namespace',
      label: 'team-a · 3 HTTPRoutes',
      counts: { Route: 3 },
      problems: 1,
      health: 'error',
    })
    expect(group('ns:team-c:3')?.group).toMatchObject({ label: 'team-c · 2 routes', problems: 2 })
    expect(group('ns:team-c:4')?.group).toMatchObject({ label: 'team-c · 2 Services', health: 'missing' })
    expect(group('ns:team-a:6')?.group).toMatchObject({
      label: 'team-a · 1 BackendTLSPolicy',
      counts: { Policy: 1 },
    })
    const g = group('ns:team-c:3') as GroupViewNode
    expect([g.column, g.problems]).toEqual([3, 2])
  })

  it('never hides a problem', () => {
    const all = totalProblems(buildView(topology, findings, state()).nodes)
    expect(all).toBe(3)
    for (const threshold of [0, 5, 100]) {
      const view = buildView(topology, findings, state({ collapsed: ['gw:infra/gw', 'gw:infra/other'] }), {
        autoCollapseAbove: threshold,
      })
      expect(totalProblems(view.nodes)).toBe(all)
    }
  })

  it('marks the nodes of an open group with its id', () => {
    const view = buildView(topology, findings, state())
    const n = viewNode(view, ID.refused)
    expect(n?.type === 'object' && n.group).toBe('ns:team-a:3')
    const gc = viewNode(view, ID.gc)
    expect(gc?.type === 'object' && gc.group).toBeUndefined()
  })
})

describe('merged edges', () => {
  const view = buildView(
    topology,
    findings,
    state({ collapsed: ['ns:team-a:3', 'ns:team-c:3', 'ns:team-c:4'] }),
  )

  it('reroutes edges to the group, one per source, target and role, with count and worst health', () => {
    expect(viewEdge(view, ID.http, 'ns:team-a:3', 'attached')).toMatchObject([{ count: 2, health: 'ok' }])
    expect(viewEdge(view, ID.admin, 'ns:team-a:3', 'rejected')).toMatchObject([
      { id: `${ID.admin}->ns:team-a:3:rejected`, count: 1, health: 'error' },
    ])
    expect(viewEdge(view, 'ns:team-c:3', 'ns:team-c:4', 'backend')).toMatchObject([
      { count: 2, health: 'error' },
    ])
  })

  it('keeps a weight only where the edge stands for one', () => {
    const [toWeb] = viewEdge(view, 'ns:team-a:3', ID.webSvc, 'backend')
    const [toApi] = viewEdge(view, 'ns:team-a:3', ID.api, 'backend')
    expect([toWeb?.count, toWeb?.percent]).toEqual([2, undefined])
    expect([toApi?.count, toApi?.percent]).toEqual([1, 80])
  })

  it('leaves edges between shown objects alone, with their topology ids', () => {
    const [grantEdge] = viewEdge(view, ID.grant, ID.shop, 'grant')
    const original = topology.edges.find((e) => e.source === ID.grant && e.target === ID.shop)
    expect(grantEdge).toMatchObject({ id: original?.id, count: 1 })
    expect(view.edges.some((e) => e.source === ID.apiRoute || e.target === ID.rpcRoute)).toBe(false)
  })
})

describe('Gateway groups', () => {
  const withSet: KubeObject[] = [
    ...WORLD.filter((o) => !(o.kind === 'Gateway' && o.metadata.name === 'gw')),
    gateway(
      'infra',
      'gw',
      [http('http', { allowedRoutes: { namespaces: { from: 'All' } } }), http('admin', { port: 8080 })],
      {
        allowedListeners: { namespaces: { from: 'Same' } },
      },
    ),
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ListenerSet',
      metadata: { namespace: 'infra', name: 'extra' },
      spec: {
        parentRef: { name: 'gw' },
        listeners: [http('extra', { port: 9090, allowedRoutes: { namespaces: { from: 'All' } } })],
      },
    },
    route('HTTPRoute', 'team-b', 'extra', {
      parentRefs: [{ kind: 'ListenerSet', name: 'extra', namespace: 'infra' }],
      rules: [{ backendRefs: [{ name: 'shop', port: 8080 }] }],
    }),
  ]
  const set = 'ListenerSet:ListenerSet/infra/extra'
  const setListener = 'Listener:ListenerSet/infra/extra#extra'
  const extraRoute = 'Route:HTTPRoute/team-b/extra'
  const w = world(withSet)

  it('is open unless the person closed it, and its members say so', () => {
    const view = buildView(w.topology, w.findings, state())
    for (const id of [ID.gw, ID.http, set, setListener]) {
      const n = viewNode(view, id)
      expect(n?.type === 'object' && n.group).toBe('gw:infra/gw')
    }
    expect(viewEdge(view, setListener, extraRoute, 'attached')).toHaveLength(1)
  })

  it('folds listeners and ListenerSets into the Gateway and reroutes their edges', () => {
    const view = buildView(w.topology, w.findings, state({ collapsed: ['gw:infra/gw'] }))
    const ids = objectIds(view)
    expect(ids).toContain(ID.gw)
    expect(ids).not.toContain(ID.http)
    expect(ids).not.toContain(set)
    expect(ids).not.toContain(setListener)
    expect(ids).toContain(ID.web)
    expect(viewEdge(view, ID.gw, ID.apiRoute, 'attached')).toMatchObject([{ count: 1, health: 'ok' }])
    expect(viewEdge(view, ID.gw, extraRoute, 'attached')).toMatchObject([{ count: 1 }])
    expect(view.edges.some((e) => e.source === e.target)).toBe(false)
    expect(
      view.edges.filter((e) => e.role === 'listener' || e.role === 'listenerSet').map((e) => e.source),
    ).toEqual([ID.other])
    expect(viewNode(view, ID.gw)?.type).toBe('object')
  })

  it('merges a folded listener edge with the Gateway edge of the same role', () => {
    // A parentRef refused by the Gateway as a whole draws its edge from the Gateway itself.
    const direct = { id: `${ID.gw}->${ID.refused}:rejected`, source: ID.gw, target: ID.refused }
    const withDirect = {
      nodes: topology.nodes,
      edges: [...topology.edges, { ...direct, role: 'rejected' as const, health: 'pending' as const }],
    }
    const open = buildView(withDirect, findings, state())
    expect(viewEdge(open, ID.admin, ID.refused, 'rejected')).toMatchObject([{ count: 1, health: 'error' }])
    expect(viewEdge(open, ID.gw, ID.refused, 'rejected')).toMatchObject([
      { ...direct, count: 1, health: 'pending' },
    ])
    const closed = buildView(withDirect, findings, state({ collapsed: ['gw:infra/gw'] }))
    expect(viewEdge(closed, ID.gw, ID.refused, 'rejected')).toEqual([
      { ...direct, role: 'rejected', health: 'error', count: 2, highlighted: false, dimmed: false },
    ])
  })

  it('keeps the problems of what it folds on the Gateway', () => {
    const problems = [
      ...w.findings,
      {
        severity: 'error' as const,
        code: 'Test',
        object: {
          group: 'gateway.networking.k8s.io',
          kind: 'ListenerSet',
          namespace: 'infra',
          name: 'extra',
        },
        message: '',
        checks: [],
      },
    ]
    const open = buildView(w.topology, problems, state())
    const closed = buildView(w.topology, problems, state({ collapsed: ['gw:infra/gw'] }))
    expect(viewNode(open, set)?.problems).toBe(1)
    expect(viewNode(closed, ID.gw)?.problems).toBe((viewNode(open, ID.gw)?.problems ?? 0) + 1)
    expect(totalProblems(closed.nodes)).toBe(totalProblems(open.nodes))
  })
})
