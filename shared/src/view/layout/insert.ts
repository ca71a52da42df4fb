// Placing new nodes among the kept nodes of a column without reordering the kept ones: each new node (or
// each new band, as one piece) takes the slot where it disagrees with the fewest kept nodes about who
// belongs above whom, judged by their barycenters; see slot-tree.ts for how that slot is found.
import type { IndexedGraph } from './graph.ts'
import { bestSlot, createSlotTree, prefixSum, type SlotTree, setLeaf } from './slot-tree.ts'

/** One new node, or all new nodes of a band that has no kept node in the column, placed as one piece. */
interface Piece {
  nodes: number[]
  /** Finite, +Infinity (to the end), or NaN (stay at staySlot). */
  key: number
  tie: number
  stay: number
  /** Slots allowed: lo..hi, and for an outsider only those between two bands. */
  lo: number
  hi: number
  band: number
  outsider: boolean
  slot: number
}

/** NaN (stay) sorts with +Infinity so that comparisons stay a total order. */
function sortable(k: number): number {
  return Number.isNaN(k) ? Number.POSITIVE_INFINITY : k
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Merges movers into the frozen order without reordering it. key holds barycenters of frozen nodes (NaN:
 * no opinion) and movers; pos breaks ties; staySlot is where a mover without neighbours sits now.
 */
export function insert(
  graph: IndexedGraph,
  frozen: readonly number[],
  movers: readonly number[],
  key: Float64Array,
  pos: Int32Array,
  staySlot: Int32Array,
): number[] {
  const band = graph.band
  const f = frozen.length
  const range = new Map<number, { first: number; last: number }>()
  if (movers.some((m) => band[m]! >= 0)) {
    for (let j = 0; j < f; j++) {
      const b = band[frozen[j]!]!
      if (b < 0) continue
      const r = range.get(b)
      if (r === undefined) range.set(b, { first: j, last: j })
      else r.last = j
    }
  }
  const pieces: Piece[] = []
  const newBands = new Map<number, Piece>()
  const piece = (node: number, lo: number, hi: number, b: number, outsider: boolean): Piece => {
    const made = { nodes: [node], key: 0, tie: 0, stay: 0, lo, hi, band: b, outsider, slot: 0 }
    pieces.push(made)
    return made
  }
  for (const m of movers) {
    const b = band[m]!
    const r = b >= 0 ? range.get(b) : undefined
    if (r !== undefined) piece(m, r.first, r.last + 1, b, false)
    else if (b < 0) piece(m, 0, f, b, true)
    else {
      const existing = newBands.get(b)
      if (existing === undefined) newBands.set(b, piece(m, 0, f, b, true))
      else existing.nodes.push(m)
    }
  }
  for (const pc of pieces) summarize(pc, key, pos, staySlot)
  solveSlots(graph, frozen, pieces, key)
  const rank = (pc: Piece): number => {
    if (pc.outsider) return 1
    if (pc.slot > 0 && band[frozen[pc.slot - 1]!] === pc.band) return 0
    if (pc.slot < f && band[frozen[pc.slot]!] === pc.band) return 2
    return 1
  }
  pieces.sort(
    (a, b) =>
      a.slot - b.slot ||
      rank(a) - rank(b) ||
      compareNumbers(sortable(a.key), sortable(b.key)) ||
      a.tie - b.tie,
  )
  const out: number[] = []
  let next = 0
  for (let slot = 0; slot <= f; slot++) {
    while (next < pieces.length && pieces[next]!.slot === slot) out.push(...pieces[next++]!.nodes)
    if (slot < f) out.push(frozen[slot]!)
  }
  return out
}

function summarize(pc: Piece, key: Float64Array, pos: Int32Array, staySlot: Int32Array): void {
  pc.nodes.sort((a, b) => compareNumbers(sortable(key[a]!), sortable(key[b]!)) || pos[a]! - pos[b]!)
  let sum = 0
  let count = 0
  let anyToEnd = false
  pc.tie = Number.POSITIVE_INFINITY
  pc.stay = Number.POSITIVE_INFINITY
  for (const node of pc.nodes) {
    const k = key[node]!
    if (Number.isFinite(k)) {
      sum += k
      count++
    } else if (k === Number.POSITIVE_INFINITY) anyToEnd = true
    pc.tie = Math.min(pc.tie, pos[node]!)
    pc.stay = Math.min(pc.stay, staySlot[node]!)
  }
  pc.key = count > 0 ? sum / count : anyToEnd ? Number.POSITIVE_INFINITY : Number.NaN
}

/** Sets each piece's slot: fewest disagreements with the frozen nodes' keys, within its allowed slots. */
function solveSlots(
  graph: IndexedGraph,
  frozen: readonly number[],
  pieces: Piece[],
  key: Float64Array,
): void {
  const f = frozen.length
  const band = graph.band
  // An outsider may not split a band: only slots between two different bands (or unbanded nodes) are open.
  const open = (s: number): boolean =>
    s === 0 || s === f || band[frozen[s - 1]!]! < 0 || band[frozen[s - 1]!] !== band[frozen[s]!]
  const before = new Int32Array(f + 1)
  const after = new Int32Array(f + 1)
  if (pieces.some((pc) => pc.outsider)) {
    for (let s = 0; s <= f; s++) before[s] = open(s) ? s : before[s - 1]!
    for (let s = f; s >= 0; s--) after[s] = open(s) ? s : after[s + 1]!
  }

  const fixed = pieces.filter((pc) => Number.isNaN(pc.key))
  for (const pc of fixed) {
    const s = Math.min(Math.max(pc.stay, pc.lo), pc.hi)
    pc.slot = !pc.outsider || open(s) ? s : after[s]! - s <= s - before[s]! ? after[s]! : before[s]!
  }

  const keyed = pieces.filter((pc) => !Number.isNaN(pc.key))
  if (f === 0 || keyed.length === 0) {
    for (const pc of keyed) pc.slot = 0
    return
  }
  keyed.sort((a, b) => compareNumbers(a.key, b.key) || a.tie - b.tie)
  // Pieces are handled in increasing key order, so a frozen node's leaf only ever goes +1 → 0 → -1.
  // Instead of sorting the frozen keys, each frozen node is filed under the piece at which it turns 0
  // and the one at which it turns -1 (binary search over the k piece keys): O(f log k).
  const k = keyed.length
  const pieceKeys = keyed.map((pc) => pc.key)
  const leaves = new Int32Array(f)
  const zeroHead = new Int32Array(k).fill(-1)
  const minusHead = new Int32Array(k).fill(-1)
  const zeroNext = new Int32Array(f)
  const minusNext = new Int32Array(f)
  for (let j = 0; j < f; j++) {
    const fk = key[frozen[j]!]!
    if (Number.isNaN(fk)) continue
    const atLeast = firstIndex(pieceKeys, (pk) => pk >= fk)
    const above = firstIndex(pieceKeys, (pk) => pk > fk)
    leaves[j] = above === 0 ? -1 : atLeast === 0 ? 0 : 1
    if (atLeast > 0 && atLeast < above) {
      zeroNext[j] = zeroHead[atLeast]!
      zeroHead[atLeast] = j
    }
    if (above > 0 && above < k) {
      minusNext[j] = minusHead[above]!
      minusHead[above] = j
    }
  }
  const tree: SlotTree = createSlotTree(leaves)
  for (let i = 0; i < k; i++) {
    const pc = keyed[i]!
    for (let j = zeroHead[i]!; j >= 0; j = zeroNext[j]!) setLeaf(tree, j, 0)
    for (let j = minusHead[i]!; j >= 0; j = minusNext[j]!) setLeaf(tree, j, -1)
    const s = bestSlot(tree, pc.lo, pc.hi)
    if (!pc.outsider || open(s)) {
      pc.slot = s
    } else {
      const up = before[s]!
      const down = after[s]!
      pc.slot = prefixSum(tree, down) <= prefixSum(tree, up) ? down : up
    }
  }
}

/** First index whose value passes test, for a test that is false then true along the sorted values. */
function firstIndex(sorted: readonly number[], test: (value: number) => boolean): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (test(sorted[mid]!)) hi = mid
    else lo = mid + 1
  }
  return lo
}
