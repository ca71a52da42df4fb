// Finding the slot among a column's kept nodes where a new node disagrees with the fewest of them.
//
// Leaf j holds the sign of (key of kept node j - key of the new node): +1 if the kept node belongs
// below the new one, -1 if above, 0 if either is fine. Putting the new node into slot s (before kept
// node s) costs one disagreement for every +1 before s and every -1 after it, which is, up to a
// constant, the prefix sum of leaves [0, s). So the best slot is where that prefix sum is lowest. Each
// tree node keeps its range's sum and lowest non-empty prefix sum, so a query or an update is
// O(log n), and placing k new nodes among n kept ones costs O((n + k) log n) rather than O(n k).

export interface SlotTree {
  /** Number of leaves, a power of two; node i has children 2i and 2i + 1, leaves start at size. */
  size: number
  sum: Int32Array
  /** Lowest prefix sum over prefixes of length 1 up to the node's range length. */
  low: Int32Array
  /** Length of the longest prefix that reaches low (later slots win ties). */
  at: Int32Array
}

export function createSlotTree(values: ArrayLike<number>): SlotTree {
  let size = 1
  while (size < values.length) size *= 2
  const tree: SlotTree = {
    size,
    sum: new Int32Array(2 * size),
    low: new Int32Array(2 * size),
    at: new Int32Array(2 * size),
  }
  for (let j = 0; j < size; j++) {
    const v = j < values.length ? values[j]! : 0
    tree.sum[size + j] = v
    tree.low[size + j] = v
    tree.at[size + j] = 1
  }
  let width = 1
  for (let first = size / 2; first >= 1; first /= 2) {
    for (let node = first; node < first * 2; node++) combine(tree, node, width)
    width *= 2
  }
  return tree
}

export function setLeaf(tree: SlotTree, j: number, value: number): void {
  let node = tree.size + j
  tree.sum[node] = value
  tree.low[node] = value
  let width = 1
  for (node >>= 1; node >= 1; node >>= 1) {
    combine(tree, node, width)
    width *= 2
  }
}

/** width is the length of each child's range. */
function combine(tree: SlotTree, node: number, width: number): void {
  const l = 2 * node
  const r = l + 1
  tree.sum[node] = tree.sum[l]! + tree.sum[r]!
  const throughRight = tree.sum[l]! + tree.low[r]!
  if (throughRight <= tree.low[l]!) {
    tree.low[node] = throughRight
    tree.at[node] = width + tree.at[r]!
  } else {
    tree.low[node] = tree.low[l]!
    tree.at[node] = tree.at[l]!
  }
}

/** Sum of leaves [0, end). */
export function prefixSum(tree: SlotTree, end: number): number {
  let total = 0
  let l = tree.size
  let r = tree.size + end
  while (l < r) {
    if (l & 1) total += tree.sum[l++]!
    if (r & 1) total += tree.sum[--r]!
    l >>= 1
    r >>= 1
  }
  return total
}

/** The slot s in [lo, hi] with the lowest prefix sum of leaves [0, s); the last such slot on ties. */
export function bestSlot(tree: SlotTree, lo: number, hi: number): number {
  // Folds the ranges covering leaves [lo, hi) left to right; prefix sums are relative to slot lo.
  let sum = 0
  let low = 0
  let at = 0
  let length = 0
  const visit = (node: number, from: number, to: number): void => {
    if (to <= lo || hi <= from) return
    if (lo <= from && to <= hi) {
      const candidate = sum + tree.low[node]!
      if (candidate <= low) {
        low = candidate
        at = length + tree.at[node]!
      }
      sum += tree.sum[node]!
      length += to - from
      return
    }
    const mid = (from + to) / 2
    visit(2 * node, from, mid)
    visit(2 * node + 1, mid, to)
  }
  if (lo < hi) visit(1, 0, tree.size)
  return lo + at
}
