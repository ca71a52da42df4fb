// One row per merge rule: base, mine, theirs, the merged result and the conflicts' paths.
import { describe, expect, it } from 'vitest'
import { rebaseDraft } from '../../src/index.ts'

interface Row {
  name: string
  base: unknown
  mine: unknown
  theirs: unknown
  merged: unknown
  conflicts?: string[]
}

const ROWS: Row[] = [
  {
    name: 'nothing changed',
    base: { a: 1 },
    mine: { a: 1 },
    theirs: { a: 1 },
    merged: { a: 1 },
  },
  {
    name: 'only my change',
    base: { a: 1, b: 1 },
    mine: { a: 2, b: 1 },
    theirs: { a: 1, b: 1 },
    merged: { a: 2, b: 1 },
  },
  {
    name: 'only their change',
    base: { a: 1, b: 1 },
    mine: { a: 1, b: 1 },
    theirs: { a: 1, b: 3 },
    merged: { a: 1, b: 3 },
  },
  {
    name: 'changes to different keys combine',
    base: { a: 1, b: 1 },
    mine: { a: 2, b: 1 },
    theirs: { a: 1, b: 3 },
    merged: { a: 2, b: 3 },
  },
  {
    name: 'the same change on both sides is no conflict',
    base: { a: 1, b: { c: 1 } },
    mine: { a: 2, b: { c: 5, d: 1 } },
    theirs: { a: 2, b: { d: 1, c: 5 } },
    merged: { a: 2, b: { d: 1, c: 5 } },
  },
  {
    name: 'different changes to one scalar conflict and keep mine',
    base: { a: 1 },
    mine: { a: 2 },
    theirs: { a: 3 },
    merged: { a: 2 },
    conflicts: ['a'],
  },
  {
    name: 'nested objects merge key by key',
    base: { spec: { x: { p: 1, q: 1 } } },
    mine: { spec: { x: { p: 2, q: 1 } } },
    theirs: { spec: { x: { p: 1, q: 2 } } },
    merged: { spec: { x: { p: 2, q: 2 } } },
  },
  {
    name: 'key order is theirs, then my new keys in my order',
    base: { a: 1, b: 1 },
    mine: { z: 1, b: 1, a: 1, y: 1 },
    theirs: { b: 1, c: 1, a: 1 },
    merged: { b: 1, c: 1, a: 1, z: 1, y: 1 },
  },
  {
    name: 'my deletion against an unchanged value is a deletion',
    base: { a: 1, b: 1 },
    mine: { b: 1 },
    theirs: { a: 1, b: 2 },
    merged: { b: 2 },
  },
  {
    name: 'their deletion against an unchanged value is a deletion',
    base: { a: 1, b: 1 },
    mine: { a: 1, b: 2 },
    theirs: { b: 1 },
    merged: { b: 2 },
  },
  {
    name: 'my deletion against their change conflicts and stays deleted',
    base: { a: 1 },
    mine: {},
    theirs: { a: 2 },
    merged: {},
    conflicts: ['a'],
  },
  {
    name: 'their deletion against my change conflicts and keeps mine',
    base: { a: 1 },
    mine: { a: 2 },
    theirs: {},
    merged: { a: 2 },
    conflicts: ['a'],
  },
  {
    name: 'both deleting is no conflict',
    base: { a: 1, b: 1 },
    mine: { b: 1 },
    theirs: { b: 1 },
    merged: { b: 1 },
  },
  {
    name: 'both adding the same key with different values conflicts',
    base: {},
    mine: { a: 1 },
    theirs: { a: 2 },
    merged: { a: 1 },
    conflicts: ['a'],
  },
  {
    name: 'both adding an object merges its keys',
    base: { metadata: {} },
    mine: { metadata: { labels: { a: '1' } } },
    theirs: { metadata: { labels: { b: '2' } } },
    merged: { metadata: { labels: { b: '2', a: '1' } } },
  },
  {
    name: 'a type change against another change conflicts',
    base: { a: { b: 1 } },
    mine: { a: 'x' },
    theirs: { a: { b: 2 } },
    merged: { a: 'x' },
    conflicts: ['a'],
  },
  {
    name: 'named items merge by name, whatever their order',
    base: {
      l: [
        { name: 'a', port: 1 },
        { name: 'b', port: 2 },
      ],
    },
    mine: {
      l: [
        { name: 'b', port: 2 },
        { name: 'a', port: 10 },
      ],
    },
    theirs: {
      l: [
        { name: 'a', port: 1 },
        { name: 'b', port: 20 },
      ],
    },
    merged: {
      l: [
        { name: 'a', port: 10 },
        { name: 'b', port: 20 },
      ],
    },
  },
  {
    name: 'named items added on both sides are kept, mine after theirs',
    base: { l: [{ name: 'a' }] },
    mine: { l: [{ name: 'a' }, { name: 'm' }] },
    theirs: { l: [{ name: 't' }, { name: 'a' }] },
    merged: { l: [{ name: 't' }, { name: 'a' }, { name: 'm' }] },
  },
  {
    name: 'a named item I removed goes when theirs did not change it',
    base: { l: [{ name: 'a' }, { name: 'b', v: 1 }] },
    mine: { l: [{ name: 'a' }] },
    theirs: { l: [{ name: 'a' }, { name: 'b', v: 1 }, { name: 'c' }] },
    merged: { l: [{ name: 'a' }, { name: 'c' }] },
  },
  {
    name: 'a named item I removed but they changed conflicts at its index in theirs',
    base: { l: [{ name: 'a' }, { name: 'b', v: 1 }] },
    mine: { l: [{ name: 'a', x: 1 }] },
    theirs: { l: [{ name: 'a' }, { name: 'b', v: 2 }] },
    merged: { l: [{ name: 'a', x: 1 }] },
    conflicts: ['l[1]'],
  },
  {
    name: 'a conflict inside a named item names its index in the result',
    base: {
      l: [
        { name: 'a', v: 1 },
        { name: 'b', v: 1 },
      ],
    },
    mine: {
      l: [
        { name: 'a', v: 1 },
        { name: 'b', v: 2 },
      ],
    },
    theirs: {
      l: [
        { name: 'b', v: 3 },
        { name: 'a', v: 4 },
      ],
    },
    merged: {
      l: [
        { name: 'b', v: 2 },
        { name: 'a', v: 4 },
      ],
    },
    conflicts: ['l[0].v'],
  },
  {
    name: 'duplicate names: same-length arrays merge by index',
    base: {
      l: [
        { name: 'a', v: 1 },
        { name: 'a', v: 2 },
      ],
    },
    mine: {
      l: [
        { name: 'a', v: 10 },
        { name: 'a', v: 2 },
      ],
    },
    theirs: {
      l: [
        { name: 'a', v: 1 },
        { name: 'a', v: 20 },
      ],
    },
    merged: {
      l: [
        { name: 'a', v: 10 },
        { name: 'a', v: 20 },
      ],
    },
  },
  {
    name: 'unnamed arrays of the same length merge by index',
    base: { h: ['a', 'b', 'c'] },
    mine: { h: ['a', 'B', 'c'] },
    theirs: { h: ['a', 'b', 'C'] },
    merged: { h: ['a', 'B', 'C'] },
  },
  {
    name: 'unnamed arrays merged by index still conflict per item',
    base: { h: [{ p: 1 }, { p: 2 }] },
    mine: { h: [{ p: 1 }, { p: 3 }] },
    theirs: { h: [{ p: 1 }, { p: 4 }] },
    merged: { h: [{ p: 1 }, { p: 3 }] },
    conflicts: ['h[1].p'],
  },
  {
    name: 'an unnamed array whose length changed on one side is taken whole from that side',
    base: { h: ['a'] },
    mine: { h: ['a', 'b'] },
    theirs: { h: ['a'], x: 1 },
    merged: { h: ['a', 'b'], x: 1 },
  },
  {
    name: 'an unnamed array changed in length and otherwise on both sides conflicts as a whole',
    base: { h: ['a', 'b'] },
    mine: { h: ['a', 'b', 'c'] },
    theirs: { h: ['x', 'b'] },
    merged: { h: ['a', 'b', 'c'] },
    conflicts: ['h'],
  },
  {
    name: 'the same new array on both sides is no conflict',
    base: { h: ['a'] },
    mine: { h: ['a', 'b'] },
    theirs: { h: ['a', 'b'] },
    merged: { h: ['a', 'b'] },
  },
  {
    name: 'keys that are not identifiers are bracketed in paths',
    base: { metadata: { labels: { 'app.kubernetes.io/name': 'a' } } },
    mine: { metadata: { labels: { 'app.kubernetes.io/name': 'b' } } },
    theirs: { metadata: { labels: { 'app.kubernetes.io/name': 'c' } } },
    merged: { metadata: { labels: { 'app.kubernetes.io/name': 'b' } } },
    conflicts: ['metadata.labels[app.kubernetes.io/name]'],
  },
  {
    name: 'server-managed metadata and status come from theirs, never conflicting',
    base: {
      metadata: { name: 'r', resourceVersion: '1', generation: 1, uid: 'u1', creationTimestamp: 't1' },
      status: { parents: [] },
    },
    mine: {
      metadata: { name: 'r', resourceVersion: '99', generation: 7, uid: 'mine', creationTimestamp: 'm' },
      status: { parents: [{ x: 1 }] },
    },
    theirs: {
      metadata: {
        name: 'r',
        resourceVersion: '2',
        generation: 2,
        uid: 'u1',
        creationTimestamp: 't1',
        managedFields: [{ manager: 'kubectl' }],
      },
      status: { parents: [{ y: 1 }] },
    },
    merged: {
      metadata: {
        name: 'r',
        resourceVersion: '2',
        generation: 2,
        uid: 'u1',
        creationTimestamp: 't1',
        managedFields: [{ manager: 'kubectl' }],
      },
      status: { parents: [{ y: 1 }] },
    },
  },
  {
    name: 'a draft without resourceVersion or status gets theirs',
    base: { metadata: { name: 'r', resourceVersion: '1' }, spec: { a: 1 }, status: { s: 1 } },
    mine: { metadata: { name: 'r' }, spec: { a: 2 } },
    theirs: { metadata: { name: 'r', resourceVersion: '5' }, spec: { a: 1 }, status: { s: 2 } },
    merged: { metadata: { name: 'r', resourceVersion: '5' }, spec: { a: 2 }, status: { s: 2 } },
  },
  {
    name: 'fields the server dropped are dropped from the draft too',
    base: { metadata: { name: 'r', resourceVersion: '1', generation: 1 }, status: { s: 1 } },
    mine: { metadata: { name: 'r', resourceVersion: '1', generation: 1 }, status: { s: 1 } },
    theirs: { metadata: { name: 'r', resourceVersion: '2' } },
    merged: { metadata: { name: 'r', resourceVersion: '2' } },
  },
  {
    name: 'a new draft (null base) against an object created meanwhile merges as two additions',
    base: null,
    mine: { metadata: { name: 'r' }, spec: { a: 1, b: 1 } },
    theirs: { metadata: { name: 'r', resourceVersion: '3' }, spec: { a: 1, b: 2 } },
    merged: { metadata: { name: 'r', resourceVersion: '3' }, spec: { a: 1, b: 1 } },
    conflicts: ['spec.b'],
  },
]

describe('rebaseDraft', () => {
  it.each(ROWS)('$name', ({ base, mine, theirs, merged, conflicts = [] }) => {
    const result = rebaseDraft(base, mine, theirs)
    expect(result.merged).toEqual(merged)
    // toEqual ignores key order; the result's order is part of the contract.
    expect(JSON.stringify(result.merged)).toBe(JSON.stringify(merged))
    expect(result.conflicts.map((c) => c.path)).toEqual(conflicts)
  })

  it('reports base, mine and theirs of a conflict, with undefined for an absent side', () => {
    expect(rebaseDraft({ a: 1 }, {}, { a: 2 }).conflicts).toEqual([
      { path: 'a', base: 1, mine: undefined, theirs: 2 },
    ])
  })

  it('never changes its inputs and shares no objects with them', () => {
    const base = { spec: { a: { x: 1 } } }
    const mine = { spec: { a: { x: 1 }, b: { y: 1 } } }
    const theirs = { spec: { a: { x: 2 } } }
    const copies = structuredClone([base, mine, theirs])
    const { merged } = rebaseDraft(base, mine, theirs)
    expect([base, mine, theirs]).toEqual(copies)
    const spec = (merged as { spec: { a: object; b: object } }).spec
    expect(spec.a).not.toBe(theirs.spec.a)
    expect(spec.b).not.toBe(mine.spec.b)
  })
})

describe('rebaseDraft on an HTTPRoute', () => {
  const route = (weights: [number, number], hostnames: string[], resourceVersion: string) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'shop', namespace: 'web', resourceVersion, generation: Number(resourceVersion) },
    spec: {
      parentRefs: [
        { name: 'edge', namespace: 'infra', sectionName: 'https' },
        { name: 'edge', namespace: 'infra', sectionName: 'http' },
      ],
      hostnames,
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [
            { name: 'shop-v1', port: 8080, weight: weights[0] },
            { name: 'shop-v2', port: 8080, weight: weights[1] },
          ],
        },
      ],
    },
    status: { parents: [{ controllerName: 'example.com/gateway', conditions: [] }] },
  })
  const base = route([90, 10], ['shop.example.com'], '100')

  it('their weight change and my new hostname combine without a conflict', () => {
    const mine = route([90, 10], ['shop.example.com', 'www.shop.example.com'], '100')
    const theirs = route([50, 50], ['shop.example.com'], '101')
    const { merged, conflicts } = rebaseDraft(base, mine, theirs)
    expect(conflicts).toEqual([])
    expect(merged).toEqual(route([50, 50], ['shop.example.com', 'www.shop.example.com'], '101'))
  })

  it('both changing one weight is one conflict named by its path, keeping my weight', () => {
    const mine = route([90, 20], ['shop.example.com'], '100')
    const theirs = route([90, 30], ['shop.example.com'], '101')
    const { merged, conflicts } = rebaseDraft(base, mine, theirs)
    expect(conflicts).toEqual([
      { path: 'spec.rules[0].backendRefs[1].weight', base: 10, mine: 20, theirs: 30 },
    ])
    expect(merged).toEqual(route([90, 20], ['shop.example.com'], '101'))
  })
})
