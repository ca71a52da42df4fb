// Each filter alone, then together: what they keep, with the paths through what they keep.
import { describe, expect, it } from 'vitest'
import { buildView } from '../../../src/view/model/build-view.ts'
import type { ViewState } from '../../../src/view/model/view-types.ts'
import { ID, objectIds, state, world } from './world.ts'

const { topology, findings } = world()
const sorted = (ids: readonly string[]) => [...ids].sort()

const cases: [string, Partial<ViewState>, string[]][] = [
  [
    'a namespace keeps its objects and the whole path of its routes',
    { namespaces: ['team-b'] },
    [ID.gc, ID.other, ID.web, ID.shopRoute, ID.shop, ID.grant],
  ],
  [
    'a namespace reaches into other namespaces only along its routes',
    { namespaces: ['team-a'] },
    [
      ...[ID.gc, ID.gw, ID.http, ID.admin, ID.apiRoute, ID.webRoute, ID.refused],
      ...[ID.api, ID.webSvc, ID.shop, ID.grant, ID.policy],
    ],
  ],
  [
    'an infrastructure namespace keeps its Gateways, listeners and their class',
    { namespaces: ['infra'] },
    [ID.gc, ID.gw, ID.other, ID.http, ID.admin, ID.web],
  ],
  [
    'a Gateway keeps its listeners, its routes with their backends and grants, and its class',
    { gateways: ['infra/other'] },
    [ID.gc, ID.other, ID.web, ID.shopRoute, ID.lostRoute, ID.shop, ID.grant, ID.nope],
  ],
  ['an unknown Gateway keeps nothing', { gateways: ['infra/nope'] }, []],
  [
    'a kind keeps its routes and their backends, and all the infrastructure',
    { kinds: ['GRPCRoute'] },
    [ID.gc, ID.gw, ID.other, ID.http, ID.admin, ID.web, ID.rpcRoute, ID.rpc],
  ],
  [
    'problems only keeps troubled nodes and their neighbours',
    { problemsOnly: true },
    [ID.admin, ID.refused, ID.webSvc, ID.web, ID.lostRoute, ID.nope, ID.http, ID.rpcRoute, ID.rpc],
  ],
  [
    'search matches hostnames and keeps the path',
    { search: 'shop.EXAMPLE' },
    [ID.gc, ID.other, ID.web, ID.shopRoute, ID.shop, ID.grant],
  ],
  [
    'search matches route matches, case-insensitively',
    { search: ' /API ' },
    [ID.gc, ID.gw, ID.http, ID.apiRoute, ID.api, ID.shop, ID.grant, ID.policy],
  ],
  ['search matches gRPC methods', { search: 'greeter/hello' }, [ID.gc, ID.gw, ID.http, ID.rpcRoute, ID.rpc]],
  [
    'search matches namespaces',
    { search: 'team-c' },
    [ID.gc, ID.gw, ID.other, ID.http, ID.web, ID.rpcRoute, ID.lostRoute, ID.rpc, ID.nope],
  ],
  [
    'filters combine with AND',
    { namespaces: ['team-a'], problemsOnly: true },
    [ID.admin, ID.refused, ID.webSvc, ID.http],
  ],
]

describe('filters', () => {
  it.each(cases)('%s', (_, filters, expected) => {
    const view = buildView(topology, findings, state(filters))
    expect(sorted(objectIds(view))).toEqual(sorted(expected))
    expect(view.matching).toBe(expected.length)
    expect(view.total).toBe(topology.nodes.length)
  })

  it('keeps everything when no filter is set', () => {
    const view = buildView(topology, findings, state())
    expect(view.matching).toBe(topology.nodes.length)
    expect(view.edges).toHaveLength(topology.edges.length)
  })

  it('draws only edges between kept nodes', () => {
    const view = buildView(topology, findings, state({ namespaces: ['team-b'] }))
    const kept = new Set(objectIds(view))
    expect(view.edges.every((e) => kept.has(e.source) && kept.has(e.target))).toBe(true)
    expect(view.edges.map((e) => e.role).sort()).toEqual([
      'attached',
      'backend',
      'class',
      'grant',
      'listener',
    ])
  })
})
