// Whole-view properties: deterministic output whatever the input order, a consistent graph, and a
// cluster of thousands of routes that folds into namespace groups.

import { describe, expect, it } from 'vitest'
import { generateCluster } from '../../../bench/generate.ts'
import type { Topology } from '../../../src/index.ts'
import { analyze, buildTopology, findings as findingsOf } from '../../../src/index.ts'
import { buildView } from '../../../src/view/model/build-view.ts'
import type { GraphView } from '../../../src/view/model/view-types.ts'
import { ID, state, world } from './world.ts'

const { topology, findings } = world()

/** A fixed permutation, so the test itself stays deterministic. */
const shuffled = <T>(items: readonly T[]): T[] =>
  items
    .map((item, i) => ({ item, key: (i * 7919) % 101 }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item)

function consistent(view: GraphView): void {
  const ids = new Set(view.nodes.map((n) => n.id))
  expect(ids.size).toBe(view.nodes.length)
  expect(new Set(view.edges.map((e) => e.id)).size).toBe(view.edges.length)
  for (const e of view.edges) {
    expect(ids.has(e.source) && ids.has(e.target)).toBe(true)
  }
}

describe('buildView', () => {
  it.each([
    ['nothing', state()],
    ['a selection and groups', state({ selected: ID.grant, collapsed: ['ns:team-a:3', 'gw:infra/other'] })],
    ['filters', state({ search: 'team', problemsOnly: true })],
  ])('is deterministic with %s, whatever the order of the topology', (_, viewState) => {
    const reordered: Topology = { nodes: shuffled(topology.nodes), edges: shuffled(topology.edges) }
    const a = buildView(topology, findings, viewState, { autoCollapseAbove: 5 })
    const b = buildView(reordered, shuffled(findings), viewState, { autoCollapseAbove: 5 })
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
    consistent(a)
  })

  it('sorts nodes by column then id and edges by id', () => {
    const view = buildView(topology, findings, state(), { autoCollapseAbove: 5 })
    const nodeKeys = view.nodes.map((n) => [n.column, n.id] as const)
    const sortedKeys = [...nodeKeys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    expect(nodeKeys).toEqual(sortedKeys)
    const edgeIds = view.edges.map((e) => e.id)
    expect(edgeIds).toEqual([...edgeIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  })

  it('does not change its inputs', () => {
    const before = JSON.stringify(topology)
    buildView(topology, findings, state({ selected: ID.apiRoute, collapsed: ['ns:team-a:3'] }))
    expect(JSON.stringify(topology)).toBe(before)
  })
})

describe('at scale', () => {
  const namespaces = 200
  const analyzer = analyze(
    generateCluster({
      gateways: 20,
      listenersPerGateway: 4,
      routes: 2_000,
      namespaces,
      services: 2_000,
      referenceGrants: 100,
    }),
  )
  const big = buildTopology(analyzer)
  const bigFindings = findingsOf(analyzer)

  it('folds thousands of routes into one group per namespace and column', () => {
    const view = buildView(big, bigFindings, state())
    expect(view.total).toBe(big.nodes.length)
    expect(view.matching).toBe(big.nodes.length)
    const groups = view.nodes.flatMap((n) => (n.type === 'group' ? [n] : []))
    expect(groups.filter((g) => g.column === 3)).toHaveLength(namespaces)
    expect(groups.filter((g) => g.column === 4)).toHaveLength(namespaces)
    expect(view.nodes.filter((n) => n.type === 'object' && n.column >= 3)).toHaveLength(
      big.nodes.filter((n) => n.column >= 3).length -
        groups.reduce((sum, g) => sum + Object.values(g.group.counts).reduce((a, b) => a + b, 0), 0),
    )
    expect(groups.reduce((sum, g) => sum + (g.group.counts.Route ?? 0), 0)).toBe(2_000)
    expect(view.nodes.length).toBeLessThan(big.nodes.length / 5)
    consistent(view)
    const problems = bigFindings.filter((f) => f.severity !== 'info').length
    expect(view.nodes.reduce((sum, n) => sum + n.problems, 0)).toBeLessThanOrEqual(problems)
  })

  it('opens the namespace of a selected route and lights its path', () => {
    const selected = 'Route:HTTPRoute/team-7/route-7'
    const view = buildView(big, bigFindings, state({ selected }))
    expect(view.nodes.find((n) => n.id === selected)).toMatchObject({ highlighted: true })
    expect(view.nodes.some((n) => n.id === 'ns:team-7:3')).toBe(false)
    expect(view.nodes.filter((n) => n.highlighted).map((n) => n.id)).toEqual(
      expect.arrayContaining(['Gateway:Gateway/infra-7/gw-7', 'Listener:Gateway/infra-7/gw-7#l3']),
    )
    consistent(view)
  })
})
