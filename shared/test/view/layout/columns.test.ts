// layoutColumns: geometry, crossing reduction, bands, stability across updates and determinism.
import { describe, expect, it } from 'vitest'
import { prng } from '../../../bench/prng.ts'
import {
  type LayoutEdge,
  type LayoutMemory,
  type LayoutNode,
  type LayoutResult,
  layoutColumns,
} from '../../../src/view/layout/columns.ts'

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

interface Graph {
  nodes: LayoutNode[]
  edges: LayoutEdge[]
}

/** Any shape at all: same-column edges, self loops, duplicates and edges to unknown ids included. */
function randomGraph(seed: number, nodeCount: number, edgeCount: number): Graph {
  const random = prng(seed)
  const pick = (n: number): number => Math.floor(random() * n)
  const nodes: LayoutNode[] = []
  for (let i = 0; i < nodeCount; i++) {
    const node: LayoutNode = {
      id: `n${i}`,
      column: pick(6),
      height: 10 + pick(90),
      sortKey: `k${pick(nodeCount)}`,
    }
    if (random() < 0.7) node.band = `b${pick(4)}`
    nodes.push(node)
  }
  const edges: LayoutEdge[] = []
  for (let e = 0; e < edgeCount; e++) {
    edges.push({ source: `n${pick(nodeCount)}`, target: random() < 0.02 ? 'missing' : `n${pick(nodeCount)}` })
  }
  return { nodes, edges }
}

/** Edges between random pairs of the given nodes. */
function randomEdges(nodes: readonly LayoutNode[], seed: number): LayoutEdge[] {
  const random = prng(seed)
  const pick = (): string => nodes[Math.floor(random() * nodes.length)]!.id
  return Array.from({ length: nodes.length * 2 }, () => edge(pick(), pick()))
}

/** Nodes named by column letter and number: node('b', 3) is b3 in column 1. */
function named(id: string, extra: Partial<LayoutNode> = {}): LayoutNode {
  return { id, column: id.charCodeAt(0) - 97, height: 20, sortKey: id, ...extra }
}

function edge(source: string, target: string): LayoutEdge {
  return { source, target }
}

function y(result: LayoutResult, id: string): number {
  const position = result.positions.get(id)
  if (position === undefined) throw new Error(`no position for ${id}`)
  return position.y
}

/** Crossings between edges that join the same pair of columns. */
function crossings(result: LayoutResult, nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): number {
  const column = new Map(nodes.map((n) => [n.id, n.column]))
  const segments = edges
    .filter((e) => column.get(e.source) !== column.get(e.target))
    .map((e) => {
      const [left, right] =
        column.get(e.source)! < column.get(e.target)! ? [e.source, e.target] : [e.target, e.source]
      return { pair: `${column.get(left)}-${column.get(right)}`, from: y(result, left), to: y(result, right) }
    })
  let count = 0
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const a = segments[i]!
      const b = segments[j]!
      if (a.pair === b.pair && (a.from - b.from) * (a.to - b.to) < 0) count++
    }
  }
  return count
}

/** Every node placed once, stacked from 0 with exactly rowGap between neighbours, memory matching y. */
function expectWellFormed(
  result: LayoutResult,
  nodes: readonly LayoutNode[],
  columnWidth = 300,
  rowGap = 16,
) {
  expect(result.positions.size).toBe(nodes.length)
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const seen = new Set<string>()
  let tallest = 0
  // x counts only the columns to the left that hold a node.
  const usedColumns = [...new Set(nodes.map((n) => n.column))].sort((a, b) => a - b)
  result.memory.order.forEach((ids, c) => {
    let next = 0
    for (const id of ids) {
      const node = byId.get(id)!
      expect(node.column).toBe(c)
      expect(seen.has(id)).toBe(false)
      seen.add(id)
      expect(result.positions.get(id)).toEqual({ x: usedColumns.indexOf(c) * columnWidth, y: next })
      tallest = Math.max(tallest, next + node.height)
      next += node.height + rowGap
    }
  })
  expect(seen.size).toBe(nodes.length)
  expect(result.height).toBe(tallest)
  expect(result.width).toBe(usedColumns.length * columnWidth)
}

function contiguous(order: readonly string[], bandOf: (id: string) => string | undefined): boolean {
  const finished = new Set<string>()
  let current: string | undefined
  for (const id of order) {
    const band = bandOf(id)
    if (band !== current) {
      if (current !== undefined) finished.add(current)
      if (band !== undefined && finished.has(band)) return false
      current = band
    }
  }
  return true
}

describe('layoutColumns geometry', () => {
  const nodes = ['a0', 'b0', 'c0', 'd0', 'e0', 'f0'].map((id) => named(id))
  it.each<[string, Partial<{ columnWidth: number; rowGap: number }> | undefined, number]>([
    ['default column width', undefined, 300],
    ['custom column width', { columnWidth: 120 }, 120],
    ['zero column width', { columnWidth: 0 }, 0],
  ])('%s: x is column × width, every column starts at y 0', (_, options, width) => {
    const result = layoutColumns(nodes, [], options)
    for (const node of nodes) expect(result.positions.get(node.id)).toEqual({ x: node.column * width, y: 0 })
    expect(result.width).toBe(6 * width)
  })

  it.each<[number | undefined, number]>([
    [undefined, 16],
    [0, 0],
    [40, 40],
  ])('rowGap %s separates stacked nodes by %d', (rowGap, gap) => {
    const column = [named('c1', { height: 10 }), named('c2', { height: 30 }), named('c3', { height: 5 })]
    const result = layoutColumns(column, [], rowGap === undefined ? {} : { rowGap })
    expect([y(result, 'c1'), y(result, 'c2'), y(result, 'c3')]).toEqual([0, 10 + gap, 40 + 2 * gap])
    expect(result.height).toBe(45 + 2 * gap)
  })

  it('empty input gives an empty drawing', () => {
    const result = layoutColumns([], [])
    expect(result).toEqual({ positions: new Map(), memory: { order: [] }, width: 0, height: 0 })
    expect(layoutColumns([], [edge('x', 'y')], {}, { order: [['x'], ['y']] })).toEqual(result)
  })

  it('a column with no node takes no width: the next used column follows directly', () => {
    // As the dashboard's grants column (between backends and policies) when there are no ReferenceGrants.
    const result = layoutColumns(
      [named('a1'), named('d1'), named('f1')],
      [edge('a1', 'd1'), edge('d1', 'f1')],
    )
    expect(result.memory.order).toEqual([['a1'], [], [], ['d1'], [], ['f1']])
    expect([
      result.positions.get('a1')?.x,
      result.positions.get('d1')?.x,
      result.positions.get('f1')?.x,
    ]).toEqual([0, 300, 600])
    expect(result.width).toBe(900)
  })

  it('a column that fills again takes its place back; the others keep their order', () => {
    const nodes = [named('a1'), named('a2'), named('c1'), named('c2')]
    const edges = [edge('a1', 'c2'), edge('a2', 'c1')]
    const first = layoutColumns(nodes, edges)
    expect(first.positions.get('c1')?.x).toBe(300)
    const again = layoutColumns([...nodes, named('b1')], [...edges, edge('a1', 'b1')], {}, first.memory)
    expect([again.positions.get('b1')?.x, again.positions.get('c1')?.x, again.width]).toEqual([300, 600, 900])
    expect(again.memory.order[0]).toEqual(first.memory.order[0])
    expect(again.memory.order[2]).toEqual(first.memory.order[2])
  })

  it.each<[string, LayoutNode[]]>([
    ['duplicate ids', [named('a1'), named('a1')]],
    ['a negative column', [named('a1', { column: -1 })]],
    ['a fractional column', [named('a1', { column: 1.5 })]],
    ['a negative height', [named('a1', { height: -3 })]],
    ['an infinite height', [named('a1', { height: Number.POSITIVE_INFINITY })]],
  ])('rejects %s', (_, nodes) => {
    expect(() => layoutColumns(nodes, [])).toThrow()
  })

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20])(
    'random graph %d: nodes of a column never overlap, fresh and after an update',
    (seed) => {
      const { nodes, edges } = randomGraph(seed, 20 + seed * 7, seed * 12)
      const options = { columnWidth: 200, rowGap: seed % 3 === 0 ? 0 : 9 }
      const first = layoutColumns(nodes.slice(0, nodes.length - 5), edges, options)
      expectWellFormed(first, nodes.slice(0, nodes.length - 5), 200, options.rowGap)
      const updated = layoutColumns(nodes.slice(3), edges, options, first.memory)
      expectWellFormed(updated, nodes.slice(3), 200, options.rowGap)
    },
  )
})

describe('layoutColumns ordering', () => {
  // Every sortKey order below is the worst one, so the sweeps have something to untangle.
  const reversed: Graph = {
    nodes: ['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2', 'b3', 'b4'].map((id) => named(id)),
    edges: [0, 1, 2, 3, 4].map((i) => edge(`a${i}`, `b${4 - i}`)),
  }
  const threeColumns: Graph = {
    nodes: [...'abc'].flatMap((c) => [0, 1, 2, 3, 4, 5].map((i) => named(`${c}${i}`))),
    edges: [
      ...[0, 1, 2, 3, 4, 5].map((i) => edge(`a${i}`, `b${(i * 5 + 2) % 6}`)),
      ...[0, 1, 2, 3, 4, 5].map((i) => edge(`c${(i * 5 + 1) % 6}`, `b${i}`)),
      edge('a0', 'b3'),
      edge('b1', 'c4'),
    ],
  }
  const skipping: Graph = {
    nodes: ['a0', 'a1', 'a2', 'c0', 'c1', 'c2', 'e0', 'e1', 'e2'].map((id) => named(id)),
    edges: [edge('e2', 'a0'), edge('e1', 'a1'), edge('e0', 'a2'), edge('c2', 'a0'), edge('c0', 'a2')],
  }
  it.each<[string, Graph, number]>([
    ['a reversed matching', reversed, 0],
    ['three columns with permuted edges', threeColumns, -1],
    ['edges that skip columns and point right to left', skipping, 0],
  ])('barycenter sweeps cut crossings of %s', (_, graph, expected) => {
    const sortKeyOrder = layoutColumns(graph.nodes, graph.edges, { sweeps: 0 })
    const swept = layoutColumns(graph.nodes, graph.edges)
    expect(crossings(swept, graph.nodes, graph.edges)).toBeLessThan(
      crossings(sortKeyOrder, graph.nodes, graph.edges),
    )
    if (expected >= 0) expect(crossings(swept, graph.nodes, graph.edges)).toBe(expected)
  })

  it('without sweeps the order is the sortKey order, ties by id', () => {
    const nodes = [
      named('b2', { sortKey: 'x' }),
      named('b1', { sortKey: 'x' }),
      named('b3', { sortKey: 'a' }),
      named('b0', { sortKey: 'm' }),
    ]
    expect(layoutColumns(nodes, [], { sweeps: 0 }).memory.order[1]).toEqual(['b3', 'b0', 'b1', 'b2'])
  })

  it('edges within a column and edges to unknown ids change nothing', () => {
    const plain = layoutColumns(reversed.nodes, reversed.edges)
    const noisy = layoutColumns(reversed.nodes, [
      ...reversed.edges,
      edge('a0', 'a4'),
      edge('b1', 'b3'),
      edge('a2', 'nowhere'),
      edge('ghost', 'b0'),
      edge('a1', 'a1'),
    ])
    expect([...noisy.positions]).toEqual([...plain.positions])
  })

  it('nodes without neighbours keep their order, beside linked nodes and in a column without edges', () => {
    const nodes = [
      ...['a0', 'a1', 'a2'].map((id) => named(id)),
      ...['b0', 'b1', 'b2', 'b3', 'b4'].map((id) => named(id)),
      ...['c0', 'c1', 'c2'].map((id) => named(id)),
    ]
    // b0 and b3 are isolated; b1, b2 and b4 are pulled into reverse order. Column c has no edges at all.
    const edges = [edge('a2', 'b1'), edge('a1', 'b2'), edge('a0', 'b4')]
    const result = layoutColumns(nodes, edges)
    const b = result.memory.order[1]!
    expect(b.indexOf('b0')).toBeLessThan(b.indexOf('b3'))
    expect(b.filter((id) => id !== 'b0' && id !== 'b3')).toEqual(['b4', 'b2', 'b1'])
    expect(result.memory.order[2]).toEqual(['c0', 'c1', 'c2'])
    expect(result.memory.order[0]).toEqual(['a0', 'a1', 'a2'])
    expectWellFormed(result, nodes)
  })
})

describe('layoutColumns bands', () => {
  it('keeps a band together even when the barycenters interleave, bands by mean, nodes by barycenter', () => {
    const nodes = [
      ...['a0', 'a1', 'a2', 'a3'].map((id) => named(id)),
      named('b0', { band: 'x' }),
      named('b1', { band: 'y' }),
      named('b2', { band: 'x' }),
      named('b3', { band: 'y' }),
      named('b4', { band: 'x' }),
    ]
    // By barycenter alone the order is b4, b1, b3, b2, b0: bands x y y x x. Band x holds the topmost
    // node, but band y's mean is the lower, so y goes first. One sweep, so column a stays as it is.
    const edges = [edge('a3', 'b0'), edge('a1', 'b1'), edge('a2', 'b2'), edge('a1', 'b3'), edge('a0', 'b4')]
    expect(layoutColumns(nodes, edges, { sweeps: 1 }).memory.order[1]).toEqual(['b1', 'b3', 'b4', 'b2', 'b0'])
    const unbanded = nodes.map(({ band: _, ...rest }) => rest)
    expect(layoutColumns(unbanded, edges, { sweeps: 1 }).memory.order[1]).toEqual([
      'b4',
      'b1',
      'b3',
      'b2',
      'b0',
    ])
  })

  it('gathers a band even without sweeps', () => {
    const nodes = [
      named('b0', { band: 'x' }),
      named('b1', { band: 'y' }),
      named('b2', { band: 'x' }),
      named('b3'),
    ]
    expect(layoutColumns(nodes, [], { sweeps: 0 }).memory.order[1]).toEqual(['b0', 'b2', 'b1', 'b3'])
  })

  it.each([101, 102, 103, 104, 105, 106, 107, 108])('random graph %d: every band is contiguous', (seed) => {
    const { nodes, edges } = randomGraph(seed, 80, 160)
    const band = new Map(nodes.map((n) => [n.id, n.band]))
    const check = (result: LayoutResult): void => {
      for (const order of result.memory.order) expect(contiguous(order, (id) => band.get(id))).toBe(true)
    }
    const first = layoutColumns(nodes.slice(0, 60), edges)
    check(first)
    // New nodes join bands that exist and start bands that do not; neither may split a band.
    check(layoutColumns(nodes, edges, {}, first.memory))
  })
})

/** Columns 0 to 5 with the shape of a cluster: classes, Gateways, listeners, routes, backends, policies. */
function cluster(seed: number, routes: number): Graph {
  const random = prng(seed)
  const pick = (n: number): number => Math.floor(random() * n)
  const nodes: LayoutNode[] = [named('a0', { height: 30 }), named('a1', { height: 30 })]
  const edges: LayoutEdge[] = []
  for (let g = 0; g < 4; g++) {
    nodes.push(named(`b${g}`, { height: 50, band: `gns${g % 2}` }))
    edges.push(edge(`a${g % 2}`, `b${g}`))
    for (let l = 0; l < 3; l++) {
      nodes.push(named(`c${g}-${l}`, { height: 24, band: `b${g}` }))
      edges.push(edge(`b${g}`, `c${g}-${l}`))
    }
  }
  for (let r = 0; r < routes; r++) {
    const ns = `ns${pick(5)}`
    nodes.push(named(`d${r}`, { height: 40 + pick(3) * 10, band: ns, sortKey: `${ns}/${r}` }))
    nodes.push(named(`e${r}`, { height: 30, band: ns, sortKey: `${ns}/${r}` }))
    edges.push(edge(`c${pick(4)}-${pick(3)}`, `d${r}`), edge(`d${r}`, `e${r}`))
    if (r % 4 === 0) {
      nodes.push(named(`f${r}`, { band: ns, sortKey: `${ns}/${r}` }))
      edges.push(edge(`f${r}`, `e${r}`))
    }
  }
  return { nodes, edges }
}

describe('layoutColumns with the previous memory', () => {
  const base = cluster(7, 40)
  const first = layoutColumns(base.nodes, base.edges)

  it.each<[string, LayoutEdge[]]>([
    ['the same edges', base.edges],
    ['no edges at all', []],
    ['every edge reversed', base.edges.map((e) => edge(e.target, e.source))],
    [
      'routes moved to other listeners',
      base.edges.map((e) => (e.source.startsWith('c') ? edge('c0-0', e.target) : e)),
    ],
    ['random edges over the same nodes', randomEdges(base.nodes, 5)],
  ])('same nodes and heights with %s: every position is the same', (_, edges) => {
    const again = layoutColumns(base.nodes, edges, {}, first.memory)
    expect([...again.positions]).toEqual([...first.positions])
    expect(again.memory).toEqual(first.memory)
    expect([again.width, again.height]).toEqual([first.width, first.height])
  })

  it('the memory is plain data: a structured clone or a JSON round trip works the same', () => {
    const viaJson = JSON.parse(JSON.stringify(first.memory)) as LayoutMemory
    const cloned = structuredClone(first.memory)
    for (const memory of [viaJson, cloned]) {
      expect([...layoutColumns(base.nodes, [], {}, memory).positions]).toEqual([...first.positions])
    }
  })

  it('a changed height moves only the nodes below it in its column', () => {
    const nodes = base.nodes.map((n) => (n.id === 'd5' ? { ...n, height: n.height + 100 } : n))
    const again = layoutColumns(nodes, base.edges, {}, first.memory)
    expect(again.memory).toEqual(first.memory)
    const route = first.memory.order[3]!
    const at = route.indexOf('d5')
    for (const [id, position] of first.positions) {
      const below = route.indexOf(id) > at
      expect(again.positions.get(id)).toEqual(below ? { ...position, y: position.y + 100 } : position)
    }
  })

  /** Positions of the nodes both layouts share, outside column `column`, must not differ. */
  function expectOtherColumnsUnmoved(before: LayoutResult, after: LayoutResult, column: number) {
    before.memory.order.forEach((ids, c) => {
      if (c === column) return
      for (const id of ids) expect(after.positions.get(id)).toEqual(before.positions.get(id))
    })
  }

  /** Kept nodes of the column keep their order; those below `changed` move by `shift`, the rest stay. */
  function expectShift(
    before: LayoutResult,
    after: LayoutResult,
    column: number,
    changed: string,
    shift: number,
  ) {
    const old = before.memory.order[column]!
    const now = after.memory.order[column]!
    const common = now.filter((id) => old.includes(id))
    expect(common).toEqual(old.filter((id) => now.includes(id)))
    // The changed node is in the old order if it was removed, in the new one if it was added.
    const list = old.includes(changed) ? old : now
    const changedAt = list.indexOf(changed)
    expect(changedAt).toBeGreaterThanOrEqual(0)
    for (const id of common) {
      const below = list.indexOf(id) > changedAt
      expect(y(after, id)).toBe(y(before, id) + (below ? shift : 0))
    }
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'seed %d: adding a route moves no node of columns 0–2, 4 and 5',
    (seed) => {
      const random = prng(seed)
      const graph = cluster(seed, 30)
      const before = layoutColumns(graph.nodes, graph.edges)
      const route = named('dnew', { height: 44, band: seed % 2 === 0 ? `ns${seed % 5}` : undefined })
      const edges = [
        ...graph.edges,
        edge(`c${Math.floor(random() * 4)}-${Math.floor(random() * 3)}`, 'dnew'),
        edge('dnew', `e${Math.floor(random() * 30)}`),
      ]
      const after = layoutColumns([...graph.nodes, route], edges, {}, before.memory)
      expectOtherColumnsUnmoved(before, after, 3)
      expectShift(before, after, 3, 'dnew', 44 + 16)
      expect(after.memory.order.map((ids) => ids.length)).toEqual(
        before.memory.order.map((ids, c) => ids.length + (c === 3 ? 1 : 0)),
      )
    },
  )

  it.each([1, 2, 3, 4, 5, 6])(
    'seed %d: removing a route closes its gap and moves no other column',
    (seed) => {
      const graph = cluster(seed, 30)
      const before = layoutColumns(graph.nodes, graph.edges)
      const gone = `d${seed * 4}`
      const height = graph.nodes.find((n) => n.id === gone)!.height
      const after = layoutColumns(
        graph.nodes.filter((n) => n.id !== gone),
        graph.edges.filter((e) => e.source !== gone && e.target !== gone),
        {},
        before.memory,
      )
      expect(after.positions.has(gone)).toBe(false)
      expect(after.memory.order[3]).toEqual(before.memory.order[3]!.filter((id) => id !== gone))
      expectOtherColumnsUnmoved(before, after, 3)
      expectShift(before, after, 3, gone, -(height + 16))
    },
  )

  it('a new route lands among the routes of its listener, though the route column is far taller', () => {
    // Four listeners, ten routes each: the routes of c2 are at rows 20–29, far below c2's own y.
    const nodes = [0, 1, 2, 3].map((l) => named(`c${l}`))
    const edges: LayoutEdge[] = []
    for (let r = 0; r < 40; r++) {
      nodes.push(named(`d${r}`, { sortKey: `${String(r).padStart(2, '0')}` }))
      edges.push(edge(`c${Math.floor(r / 10)}`, `d${r}`))
    }
    const before = layoutColumns(nodes, edges)
    const after = layoutColumns([...nodes, named('dnew')], [...edges, edge('c2', 'dnew')], {}, before.memory)
    const order = after.memory.order[3]!
    const at = order.indexOf('dnew')
    const siblings = order.filter((id) => edges.some((e) => e.source === 'c2' && e.target === id))
    expect(at).toBeGreaterThanOrEqual(order.indexOf(siblings[0]!))
    expect(at).toBeLessThanOrEqual(order.indexOf(siblings.at(-1)!) + 1)
  })

  it('a new node goes inside its band; a new band does not split an existing one', () => {
    const nodes = [
      named('a0'),
      named('a1'),
      named('b0', { band: 'x' }),
      named('b1', { band: 'x' }),
      named('b2', { band: 'y' }),
      named('b3', { band: 'y' }),
    ]
    const edges = [edge('a0', 'b0'), edge('a0', 'b1'), edge('a1', 'b2'), edge('a1', 'b3')]
    const before = layoutColumns(nodes, edges)
    expect(before.memory.order[1]).toEqual(['b0', 'b1', 'b2', 'b3'])
    // Both new nodes hang off a1 (band y's parent), but bx belongs to band x and bz to a band of its own.
    const after = layoutColumns(
      [...nodes, named('bx', { band: 'x' }), named('bz', { band: 'z' })],
      [...edges, edge('a1', 'bx'), edge('a1', 'bz')],
      {},
      before.memory,
    )
    expect(after.memory.order[1]).toEqual(['b0', 'b1', 'bx', 'b2', 'b3', 'bz'])
  })

  it.each<[string, LayoutEdge[]]>([
    ['nobody has neighbours', []],
    ['the kept nodes have neighbours', [edge('a0', 'b0'), edge('a0', 'b1'), edge('a0', 'b2')]],
  ])('a new node without neighbours goes to the end of its band, or of the column, when %s', (_, edges) => {
    const nodes = [
      named('a0'),
      named('b0', { band: 'x' }),
      named('b1', { band: 'x' }),
      named('b2', { band: 'y' }),
    ]
    const before = layoutColumns(nodes, edges)
    expect(before.memory.order[1]).toEqual(['b0', 'b1', 'b2'])
    const after = layoutColumns([...nodes, named('b9'), named('b8', { band: 'x' })], edges, {}, before.memory)
    expect(after.memory.order[1]).toEqual(['b0', 'b1', 'b8', 'b2', 'b9'])
  })

  it('new nodes follow each other: a new route with a new backend puts the backend beside the route', () => {
    const graph = cluster(3, 30)
    const before = layoutColumns(graph.nodes, graph.edges)
    const after = layoutColumns(
      [...graph.nodes, named('dnew', { band: 'solo' }), named('enew', { band: 'solo' })],
      [...graph.edges, edge('c3-1', 'dnew'), edge('dnew', 'enew')],
      {},
      before.memory,
    )
    const routeRow = after.memory.order[3]!.indexOf('dnew') / after.memory.order[3]!.length
    const backendRow = after.memory.order[4]!.indexOf('enew') / after.memory.order[4]!.length
    expect(Math.abs(routeRow - backendRow)).toBeLessThan(0.2)
    // Without its route's pull the backend would have gone to the very end.
    expect(after.memory.order[4]!.at(-1)).not.toBe('enew')
  })

  it('a node that changed column is placed as a new node in the new one', () => {
    const nodes = [named('a0'), named('b0'), named('b1')]
    const before = layoutColumns(nodes, [edge('a0', 'b0')])
    const moved = [named('a0'), named('b0'), named('b1', { column: 2 })]
    const after = layoutColumns(moved, [edge('a0', 'b0')], {}, before.memory)
    expect(after.memory.order).toEqual([['a0'], ['b0'], ['b1']])
    expectWellFormed(after, moved)
  })

  it('a memory with nothing left in it gives the same layout as none', () => {
    const fresh = layoutColumns(base.nodes, base.edges)
    const stale = layoutColumns(base.nodes, base.edges, {}, { order: [['gone'], [], ['b0', 'b0']] })
    expect([...stale.positions]).toEqual([...fresh.positions])
  })
})

describe('layoutColumns determinism', () => {
  it.each([11, 12, 13, 14, 15, 16])('seed %d: shuffled nodes and edges give the same layout', (seed) => {
    const random = prng(seed * 31)
    const { nodes, edges } = seed % 2 === 0 ? randomGraph(seed, 90, 200) : cluster(seed, 50)
    const before = layoutColumns(nodes.slice(0, -10), edges)
    const reference = layoutColumns(nodes, edges, {}, before.memory)
    const fresh = layoutColumns(nodes, edges)
    for (let round = 0; round < 3; round++) {
      const shuffledNodes = shuffled(nodes, random)
      const shuffledEdges = shuffled(edges, random).map((e) =>
        random() < 0.5 ? edge(e.target, e.source) : e,
      )
      const again = layoutColumns(shuffledNodes, shuffledEdges)
      expect([...again.positions]).toEqual([...fresh.positions])
      expect(again.memory).toEqual(fresh.memory)
      const update = layoutColumns(shuffledNodes, shuffledEdges, {}, before.memory)
      expect([...update.positions]).toEqual([...reference.positions])
      expect(update.memory).toEqual(reference.memory)
    }
  })

  it('the sweeps really reorder these graphs, so the shuffle test is not vacuous', () => {
    const { nodes, edges } = cluster(11, 50)
    const swept = layoutColumns(nodes, edges)
    expect(swept.memory).not.toEqual(layoutColumns(nodes, edges, { sweeps: 0 }).memory)
  })
})
