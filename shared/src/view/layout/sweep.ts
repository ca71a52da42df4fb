// The first layout of a graph: sortKey order, then barycenter sweeps to untangle the edges.
import type { Adjacency, IndexedGraph } from './graph.ts'
import { barycenter, emptyPlacement, type Placement, placeColumn } from './placement.ts'

export function placeFresh(graph: IndexedGraph, rowGap: number, sweeps: number): Placement {
  const p = emptyPlacement(graph)
  const key = new Float64Array(graph.ids.length)
  for (let c = 0; c < graph.columnCount; c++) {
    const list = graph.bySortKey[c]!
    for (let i = 0; i < list.length; i++) {
      p.pos[list[i]!] = i
      key[list[i]!] = i
    }
    // Sorting by the sortKey rank only gathers the bands; nothing else moves.
    p.order[c] = arrange(list, key, p.pos, graph.band)
    placeColumn(p, graph, c, rowGap)
  }
  for (let s = 0; s < sweeps; s++) {
    for (let c = 1; c < graph.columnCount; c++) sweepColumn(p, graph, c, graph.lower, key, rowGap)
    for (let c = graph.columnCount - 2; c >= 0; c--) sweepColumn(p, graph, c, graph.upper, key, rowGap)
  }
  return p
}

/** Reorders column c by the barycenters of its neighbours on one side. O(E_c + N_c log N_c). */
function sweepColumn(
  p: Placement,
  graph: IndexedGraph,
  c: number,
  adj: Adjacency,
  key: Float64Array,
  rowGap: number,
): void {
  const order = p.order[c]!
  if (order.length < 2) return
  for (const node of order) {
    const { sum, count } = barycenter(node, adj, p.rel)
    // A node with nothing on this side is sorted by where it already is, so it stays about there and
    // keeps its order relative to every other such node.
    key[node] = count > 0 ? sum / count : p.rel[node]!
  }
  p.order[c] = arrange(order, key, p.pos, graph.band)
  placeColumn(p, graph, c, rowGap)
}

interface Group {
  sum: number
  mean: number
  first: number
  members: number[]
}

/**
 * Sorts a column by key with ties by current position, keeping each band in one piece: bands are
 * ordered by the mean key of their nodes, nodes inside a band by their own key. A node without a band
 * is a piece of its own.
 */
export function arrange(
  order: readonly number[],
  key: Float64Array,
  pos: Int32Array,
  band: Int32Array,
): number[] {
  const byKey = (a: number, b: number): number => key[a]! - key[b]! || pos[a]! - pos[b]!
  if (!order.some((node) => band[node]! >= 0)) return [...order].sort(byKey)
  const groups: Group[] = []
  const byBand = new Map<number, Group>()
  for (const node of order) {
    const b = band[node]!
    let group = b >= 0 ? byBand.get(b) : undefined
    if (group === undefined) {
      group = { sum: 0, mean: 0, first: pos[node]!, members: [] }
      groups.push(group)
      if (b >= 0) byBand.set(b, group)
    }
    group.sum += key[node]!
    group.members.push(node)
  }
  for (const group of groups) {
    group.members.sort(byKey)
    group.mean = group.sum / group.members.length
  }
  groups.sort((a, b) => a.mean - b.mean || a.first - b.first)
  return groups.flatMap((group) => group.members)
}
