// The layout's input in index form. Nodes are numbered in id order, so nothing downstream depends on
// the order in which the caller listed nodes or edges: sort ties, band numbering and even the order in
// which floating-point positions are summed all follow the ids.
import type { LayoutEdge, LayoutNode } from './columns.ts'

/** Neighbour lists, compressed: node n's neighbours are list[start[n]] up to list[start[n + 1] - 1]. */
export interface Adjacency {
  start: Int32Array
  list: Int32Array
}

export interface IndexedGraph {
  ids: string[]
  indexOf: Map<string, number>
  column: Int32Array
  height: Float64Array
  /** Bands numbered in id order of their first node; -1 for none. */
  band: Int32Array
  columnCount: number
  /** Node indices per column, by sortKey and then id. */
  bySortKey: number[][]
  /** Neighbours in columns to the left. */
  lower: Adjacency
  /** Neighbours in columns to the right. */
  upper: Adjacency
}

/** Code-unit order: unlike localeCompare it is the same in every browser and locale, and fast. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function indexGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): IndexedGraph {
  const sorted = [...nodes].sort((a, b) => compareText(a.id, b.id))
  const n = sorted.length
  const ids: string[] = []
  const indexOf = new Map<string, number>()
  const column = new Int32Array(n)
  const height = new Float64Array(n)
  const band = new Int32Array(n)
  const bands = new Map<string, number>()
  let columnCount = 0
  for (let i = 0; i < n; i++) {
    const node = sorted[i]!
    if (indexOf.has(node.id)) throw new Error(`layoutColumns: duplicate node id ${node.id}`)
    if (!Number.isInteger(node.column) || node.column < 0) {
      throw new RangeError(`layoutColumns: column of ${node.id} must be a non-negative integer`)
    }
    if (!Number.isFinite(node.height) || node.height < 0) {
      throw new RangeError(`layoutColumns: height of ${node.id} must be finite and not negative`)
    }
    ids.push(node.id)
    indexOf.set(node.id, i)
    column[i] = node.column
    height[i] = node.height
    columnCount = Math.max(columnCount, node.column + 1)
    if (node.band === undefined) {
      band[i] = -1
    } else {
      let b = bands.get(node.band)
      if (b === undefined) {
        b = bands.size
        bands.set(node.band, b)
      }
      band[i] = b
    }
  }

  const bySortKey: number[][] = Array.from({ length: columnCount }, () => [])
  for (let i = 0; i < n; i++) bySortKey[column[i]!]!.push(i)
  // Array.prototype.sort is stable and each list is in id order already, so equal sortKeys fall back to id.
  for (const list of bySortKey) list.sort((a, b) => compareText(sorted[a]!.sortKey, sorted[b]!.sortKey))

  // Each edge is kept once, oriented from its left end to its right end; the direction the caller gave
  // it does not matter to the layout.
  const left: number[] = []
  const right: number[] = []
  for (const edge of edges) {
    const s = indexOf.get(edge.source)
    const t = indexOf.get(edge.target)
    // Edges to nodes that are not drawn (filtered out, not yet loaded) have nothing to pull on.
    if (s === undefined || t === undefined) continue
    const cs = column[s]!
    const ct = column[t]!
    if (cs === ct) continue
    left.push(cs < ct ? s : t)
    right.push(cs < ct ? t : s)
  }
  return {
    ids,
    indexOf,
    column,
    height,
    band,
    columnCount,
    bySortKey,
    lower: buildAdjacency(n, right, left),
    upper: buildAdjacency(n, left, right),
  }
}

/** Neighbour lists sorted by index and without duplicates, so parallel edges do not count twice. */
function buildAdjacency(n: number, owner: readonly number[], other: readonly number[]): Adjacency {
  const start = new Int32Array(n + 1)
  for (const o of owner) start[o + 1] = start[o + 1]! + 1
  for (let i = 0; i < n; i++) start[i + 1] = start[i + 1]! + start[i]!
  const next = start.slice(0, n)
  const list = new Int32Array(owner.length)
  for (let e = 0; e < owner.length; e++) {
    const o = owner[e]!
    list[next[o]!] = other[e]!
    next[o] = next[o]! + 1
  }
  const compact = new Int32Array(n + 1)
  let w = 0
  for (let i = 0; i < n; i++) {
    const from = start[i]!
    const to = start[i + 1]!
    list.subarray(from, to).sort()
    compact[i] = w
    for (let j = from; j < to; j++) {
      const v = list[j]!
      if (w === compact[i] || v !== list[w - 1]) list[w++] = v
    }
  }
  compact[n] = w
  return { start: compact, list: list.slice(0, w) }
}
