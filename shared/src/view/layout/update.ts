// The layout of an update: the order remembered from the previous layout, with new nodes slotted in.
//
// Stability, which is the point of this file: a node that was laid out before keeps its place relative
// to every other such node of its column, whatever the edges did. Only columns that gained a node are
// reordered at all, and there only the new nodes move. So with the same nodes and heights every position
// is the same as before, and adding or removing nodes in one column moves nothing in any other column.
// Within the column that gained a node, the nodes below the insertion shift down by one slot; that is
// intended: the alternative, leaving holes, would make the drawing grow with every update. Removed nodes
// simply drop out and close their gap.
import type { LayoutMemory } from './columns.ts'
import type { IndexedGraph } from './graph.ts'
import { insert } from './insert.ts'
import { barycenter, emptyPlacement, type Placement, placeColumn } from './placement.ts'

/** Undefined when no node of the previous layout is left: there is nothing to keep stable. */
export function placeUpdate(
  graph: IndexedGraph,
  previous: LayoutMemory,
  rowGap: number,
  sweeps: number,
): Placement | undefined {
  const n = graph.ids.length
  const p = emptyPlacement(graph)
  const kept = new Uint8Array(n)
  let keptCount = 0
  for (let c = 0; c < graph.columnCount; c++) {
    const order = p.order[c]!
    for (const id of previous.order[c] ?? []) {
      const node = graph.indexOf.get(id)
      // Gone, now in another column, or listed twice.
      if (node === undefined || graph.column[node] !== c || kept[node] === 1) continue
      kept[node] = 1
      order.push(node)
      keptCount++
    }
    placeColumn(p, graph, c, rowGap)
  }
  if (keptCount === 0) return undefined

  const added = graph.bySortKey.map((list) => list.filter((node) => kept[node] === 0))
  const active: number[] = []
  for (let c = 0; c < graph.columnCount; c++) if (added[c]!.length > 0) active.push(c)
  if (active.length === 0) return p

  // First each new node goes where its kept neighbours point. All keys are taken before any column
  // changes, so every column sees the same frame; a new node with no kept neighbour goes to the end of
  // its band or column, in sortKey order.
  const key = new Float64Array(n)
  for (const c of active) {
    for (const node of p.order[c]!) key[node] = meanNeighbour(graph, p, node, kept)
    for (const node of added[c]!) {
      const k = meanNeighbour(graph, p, node, kept)
      key[node] = Number.isNaN(k) ? Number.POSITIVE_INFINITY : k
    }
  }
  const staySlot = new Int32Array(n)
  for (const c of active) {
    const list = added[c]!
    // Positions past the kept nodes: ties between new nodes go by sortKey.
    for (let i = 0; i < list.length; i++) p.pos[list[i]!] = p.order[c]!.length + i
    p.order[c] = insert(graph, p.order[c]!, list, key, p.pos, staySlot)
    placeColumn(p, graph, c, rowGap)
  }

  // Then new nodes follow each other (a new route and its new backend), using neighbours on both sides.
  for (let round = 0; round < sweeps; round++) {
    let changed = false
    for (const c of active) changed = reinsert(graph, p, c, kept, key, staySlot, rowGap) || changed
    for (let i = active.length - 1; i >= 0; i--) {
      changed = reinsert(graph, p, active[i]!, kept, key, staySlot, rowGap) || changed
    }
    if (!changed) break
  }
  return p
}

/** Mean relative position of all neighbours (those in counted, when given); NaN when there are none. */
function meanNeighbour(graph: IndexedGraph, p: Placement, node: number, counted?: Uint8Array): number {
  const a = barycenter(node, graph.lower, p.rel, counted)
  const b = barycenter(node, graph.upper, p.rel, counted)
  const count = a.count + b.count
  return count > 0 ? (a.sum + b.sum) / count : Number.NaN
}

function reinsert(
  graph: IndexedGraph,
  p: Placement,
  c: number,
  kept: Uint8Array,
  key: Float64Array,
  staySlot: Int32Array,
  rowGap: number,
): boolean {
  const order = p.order[c]!
  const frozen: number[] = []
  const movers: number[] = []
  for (const node of order) {
    // NaN for a new node without neighbours: it stays in its slot.
    key[node] = meanNeighbour(graph, p, node)
    if (kept[node] === 1) {
      frozen.push(node)
    } else {
      staySlot[node] = frozen.length
      movers.push(node)
    }
  }
  const next = insert(graph, frozen, movers, key, p.pos, staySlot)
  if (next.every((node, i) => node === order[i])) return false
  p.order[c] = next
  placeColumn(p, graph, c, rowGap)
  return true
}
