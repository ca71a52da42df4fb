// Layered layout for the topology graph. The columns are fixed by node kind, so unlike a general layered
// layout (ELK, dagre) there is no layer assignment, no dummy nodes for long edges and no x optimisation:
// only the order within each column and the y that follows. That is what makes it fast enough to run in
// the worker on every update: a full layout is O(sweeps · (E + N log N)); an update costs about as much
// as one sweep, and only over the columns that gained nodes, besides reading the input.
//
// The result does not depend on the order of nodes or edges in the input (see graph.ts).
import { indexGraph } from './graph.ts'
import type { Placement } from './placement.ts'
import { placeFresh } from './sweep.ts'
import { placeUpdate } from './update.ts'

export interface LayoutNode {
  id: string
  column: number
  height: number
  /** tie-break and initial order, e.g. "namespace/name" */
  sortKey: string
  /**
   * nodes with the same band (e.g. a namespace or a Gateway) are kept contiguous within their column
   * when possible; optional
   */
  band?: string
}

/** Direction does not matter, nor do edges within a column or to ids that are not among the nodes. */
export interface LayoutEdge {
  source: string
  target: string
}

export interface LayoutOptions {
  /** x distance between column starts, default 300 */
  columnWidth: number
  /** vertical gap between nodes, default 16 */
  rowGap: number
  /** barycenter sweeps (each one left to right, then right to left), default 4 */
  sweeps: number
}

/**
 * Remembered order per column, to keep positions stable across updates. Plain data (structured-clone-able).
 */
export interface LayoutMemory {
  /** per column, node ids top to bottom */
  order: string[][]
}

export interface LayoutResult {
  /** Top-left corner of each node. */
  positions: Map<string, { x: number; y: number }>
  memory: LayoutMemory
  /**
   * total height/width of the drawing: width gives every column that holds a node columnWidth,
   * height is that of the tallest column (no trailing gap)
   */
  width: number
  height: number
}

export const DEFAULT_LAYOUT_OPTIONS: Readonly<LayoutOptions> = { columnWidth: 300, rowGap: 16, sweeps: 4 }

/**
 * Orders the nodes of each column and stacks them from y = 0; x = columnWidth times the number of
 * non-empty columns to the left (an empty column takes no width).
 *
 * Without previous: sortKey order, then barycenter sweeps, bands kept in one piece.
 * With previous (the memory of the last result): nodes laid out before keep their order; new nodes are
 * slotted in where their neighbours point, inside their band when it already exists. The same nodes and
 * heights give the same positions whatever the edges did, and a node added to or removed from one column
 * moves no node of another column. See update.ts for the details.
 */
export function layoutColumns(
  nodes: LayoutNode[],
  edges: LayoutEdge[],
  options?: Partial<LayoutOptions>,
  previous?: LayoutMemory,
): LayoutResult {
  const columnWidth = options?.columnWidth ?? DEFAULT_LAYOUT_OPTIONS.columnWidth
  const rowGap = options?.rowGap ?? DEFAULT_LAYOUT_OPTIONS.rowGap
  const sweeps = Math.max(0, Math.floor(options?.sweeps ?? DEFAULT_LAYOUT_OPTIONS.sweeps))
  if (!Number.isFinite(columnWidth)) throw new RangeError('layoutColumns: columnWidth must be finite')
  if (!Number.isFinite(rowGap) || rowGap < 0) throw new RangeError('layoutColumns: rowGap must be >= 0')

  const graph = indexGraph(nodes, edges)
  const placement: Placement =
    (previous === undefined ? undefined : placeUpdate(graph, previous, rowGap, sweeps)) ??
    placeFresh(graph, rowGap, sweeps)

  // A column with no node in this view (no ReferenceGrants, say) takes no width: x follows the columns
  // actually used, so the view has no blank lane between its neighbours. The memory keeps the caller's
  // column numbers, so a column that fills again later slots back in without disturbing the order.
  const slot = new Int32Array(graph.columnCount)
  let used = 0
  for (let c = 0; c < graph.columnCount; c++) {
    slot[c] = used
    if (graph.bySortKey[c]!.length > 0) used++
  }
  const positions = new Map<string, { x: number; y: number }>()
  for (let i = 0; i < graph.ids.length; i++) {
    positions.set(graph.ids[i]!, { x: slot[graph.column[i]!]! * columnWidth, y: placement.top[i]! })
  }
  let height = 0
  for (const h of placement.columnHeight) height = Math.max(height, h)
  return {
    positions,
    memory: { order: placement.order.map((column) => column.map((node) => graph.ids[node]!)) },
    width: used * columnWidth,
    height,
  }
}
