// Adjacency for path questions (who is upstream, who is downstream), built once per view. Nodes are
// numbered and neighbours kept in flat typed arrays (compressed rows) rather than string-keyed maps
// or an array per node: views run over 25,000 nodes and 30,000 edges on every change.
import type { EdgeRole } from '../../index.ts'

/** Edges that point from a grant or policy at the backend it applies to; on a path they run backwards. */
export const pointsBack = (role: EdgeRole): boolean => role === 'grant' || role === 'policy'

/** Neighbours of node n: list[start[n]] up to list[start[n + 1]]. */
export interface Rows {
  start: Int32Array
  list: Int32Array
}

export interface Adjacency {
  size: number
  /** Upstream neighbours per node, with grant and policy edges turned round. */
  parents: Rows
  children: Rows
  /** Per edge, the positions of its source and target (2i, 2i + 1) in its own direction; -1 if unknown. */
  ends: Int32Array
}

interface EdgeLike {
  source: string
  target: string
  role: EdgeRole
}

function rows(size: number, from: Int32Array, to: Int32Array, count: number): Rows {
  const start = new Int32Array(size + 1)
  for (let k = 0; k < count; k++) start[(from[k] ?? 0) + 1]! += 1
  for (let n = 0; n < size; n++) start[n + 1]! += start[n] ?? 0
  const fill = start.slice(0, size)
  const list = new Int32Array(count)
  for (let k = 0; k < count; k++) {
    const f = from[k] ?? 0
    list[fill[f]!++] = to[k] ?? 0
  }
  return { start, list }
}

export function buildAdjacency(position: ReadonlyMap<string, number>, edges: readonly EdgeLike[]): Adjacency {
  const size = position.size
  const ends = new Int32Array(edges.length * 2).fill(-1)
  const parent = new Int32Array(edges.length)
  const child = new Int32Array(edges.length)
  let count = 0
  edges.forEach((e, i) => {
    const s = position.get(e.source)
    const t = position.get(e.target)
    if (s === undefined || t === undefined) return
    ends[2 * i] = s
    ends[2 * i + 1] = t
    const back = pointsBack(e.role)
    parent[count] = back ? t : s
    child[count] = back ? s : t
    count++
  })
  return { size, parents: rows(size, child, parent, count), children: rows(size, parent, child, count), ends }
}

function walk({ start, list }: Rows, seeds: readonly number[], marks: Uint8Array): void {
  const seen = new Uint8Array(marks.length)
  const stack = [...seeds]
  for (const s of seeds) seen[s] = 1
  while (stack.length > 0) {
    const n = stack.pop()!
    marks[n] = 1
    const end = start[n + 1] ?? 0
    for (let k = start[n] ?? 0; k < end; k++) {
      const m = list[k] ?? 0
      if (seen[m]) continue
      seen[m] = 1
      stack.push(m)
    }
  }
}

/** Does any neighbour of n pass the test? */
export function someIn({ start, list }: Rows, n: number, test: (m: number) => boolean): boolean {
  const end = start[n + 1] ?? 0
  for (let k = start[n] ?? 0; k < end; k++) if (test(list[k] ?? 0)) return true
  return false
}

/** Calls f for each neighbour of n. */
export function forEachIn({ start, list }: Rows, n: number, f: (m: number) => void): void {
  const end = start[n + 1] ?? 0
  for (let k = start[n] ?? 0; k < end; k++) f(list[k] ?? 0)
}

/**
 * Marks the seeds with everything upstream and downstream of them. The two directions are walked
 * separately: a node reached downstream must not stop the walk upstream from it.
 */
export function markPaths(adjacency: Adjacency, seeds: readonly number[]): Uint8Array {
  const marks = new Uint8Array(adjacency.size)
  walk(adjacency.parents, seeds, marks)
  walk(adjacency.children, seeds, marks)
  return marks
}

/** Marks the seeds and their direct neighbours either way. */
export function markNeighbours(adjacency: Adjacency, seeds: readonly number[]): Uint8Array {
  const marks = new Uint8Array(adjacency.size)
  const mark = (m: number) => {
    marks[m] = 1
  }
  for (const s of seeds) {
    marks[s] = 1
    forEachIn(adjacency.parents, s, mark)
    forEachIn(adjacency.children, s, mark)
  }
  return marks
}
