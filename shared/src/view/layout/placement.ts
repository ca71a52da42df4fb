// The vertical order of every column and the coordinates that follow from it.
import type { Adjacency, IndexedGraph } from './graph.ts'

export interface Placement {
  /** Node indices per column, top to bottom. */
  order: number[][]
  /** Index of each node in its column's order. */
  pos: Int32Array
  /** y of the node's top edge. */
  top: Float64Array
  /**
   * The node's centre as a fraction of its column's height. Columns are top-aligned and may differ in
   * height by orders of magnitude (a few GatewayClasses, thousands of routes), so barycenters are taken
   * in this relative frame: a route whose listener sits halfway down its column belongs halfway down
   * the route column, not next to the listener's absolute y.
   */
  rel: Float64Array
  columnHeight: Float64Array
}

export function emptyPlacement(graph: IndexedGraph): Placement {
  const n = graph.ids.length
  return {
    order: Array.from({ length: graph.columnCount }, () => []),
    pos: new Int32Array(n),
    top: new Float64Array(n),
    rel: new Float64Array(n),
    columnHeight: new Float64Array(graph.columnCount),
  }
}

/** Stacks column c's nodes from y = 0 in the order p.order[c]. */
export function placeColumn(p: Placement, graph: IndexedGraph, c: number, rowGap: number): void {
  const order = p.order[c]!
  let y = 0
  for (let i = 0; i < order.length; i++) {
    const node = order[i]!
    p.pos[node] = i
    p.top[node] = y
    y += graph.height[node]! + rowGap
  }
  const total = order.length === 0 ? 0 : y - rowGap
  p.columnHeight[c] = total
  for (let i = 0; i < order.length; i++) {
    const node = order[i]!
    // All heights zero and no gap: fall back to rank so the frame still orders nodes.
    p.rel[node] = total > 0 ? (p.top[node]! + graph.height[node]! / 2) / total : (i + 0.5) / order.length
  }
}

/**
 * Sum and count of the relative positions of the node's neighbours in adj (only those with counted[n]
 * set, when given). Neighbour lists are sorted, so the sum is the same float for the same graph.
 */
export function barycenter(
  node: number,
  adj: Adjacency,
  rel: Float64Array,
  counted?: Uint8Array,
): { sum: number; count: number } {
  let sum = 0
  let count = 0
  const end = adj.start[node + 1]!
  for (let j = adj.start[node]!; j < end; j++) {
    const other = adj.list[j]!
    if (counted !== undefined && counted[other] === 0) continue
    sum += rel[other]!
    count++
  }
  return { sum, count }
}
