// A frame after the first is posted as a patch of the one before: each of its long lists (view nodes,
// edges, problem rows) as indexes into the page's copy of the previous list where an item is
// unchanged, and only the changed items themselves. Structured cloning 10,000 edges and 7,000 rows
// for every change of one route cost more than drawing the change; and the page keeps the unchanged
// items' identities, so React sees only what changed.
import type { TopologyNode } from '../../index.ts'
import type { GroupInfo, ViewEdge } from '../model/view-types.ts'
import type { Frame, LaidOutNode, ProblemRow } from './messages.ts'

/** A list as the page rebuilds it: `keep[i]` is an index into the previous list, or -1 for the next of `fresh`. */
export interface ListPatch<T> {
  keep: Int32Array
  fresh: T[]
}

export interface FramePatch extends Omit<Frame, 'nodes' | 'edges' | 'problems'> {
  nodes: ListPatch<LaidOutNode>
  edges: ListPatch<ViewEdge>
  problems: ListPatch<ProblemRow>
}

function sameGroup(a: GroupInfo, b: GroupInfo): boolean {
  if (a.id !== b.id || a.kind !== b.kind || a.label !== b.label) return false
  if (a.problems !== b.problems || a.health !== b.health) return false
  const ka = Object.keys(a.counts) as (keyof GroupInfo['counts'])[]
  if (ka.length !== Object.keys(b.counts).length) return false
  return ka.every((k) => a.counts[k] === b.counts[k])
}

const sameValue = (x: unknown, y: unknown): boolean =>
  x === y || (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i]))

function sameRecord(a: object, b: object, same: (x: unknown, y: unknown) => boolean): boolean {
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

/** Gateways and listeners are drawn afresh for every change (few); equal field by field is the same. */
function sameTopologyNode(a: TopologyNode, b: TopologyNode): boolean {
  return (
    a === b ||
    sameRecord(
      a,
      b,
      (x, y) =>
        x === y ||
        (typeof x === 'object' && typeof y === 'object' && x !== null && y !== null
          ? sameRecord(x, y, sameValue)
          : false),
    )
  )
}

/**
 * Equal as drawn: every field the same value, the topology node the same object or equal field by
 * field (the topology keeps a route's node while its verdict stands) and a group's summary likewise.
 */
function sameNode(a: LaidOutNode, b: LaidOutNode): boolean {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const k of keys) {
    const x = (a as unknown as Record<string, unknown>)[k]
    const y = (b as unknown as Record<string, unknown>)[k]
    if (x === y) continue
    if (k === 'group' && a.type === 'group' && b.type === 'group' && sameGroup(a.group, b.group)) continue
    if (k === 'node' && a.type === 'object' && b.type === 'object' && sameTopologyNode(a.node, b.node))
      continue
    return false
  }
  return true
}

function sameEdge(a: ViewEdge, b: ViewEdge): boolean {
  const keys = Object.keys(a) as (keyof ViewEdge)[]
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((k) => a[k] === b[k])
}

function listPatch<T>(
  previous: readonly T[],
  next: readonly T[],
  find: (item: T) => number | undefined,
  same: (a: T, b: T) => boolean,
): { patch: ListPatch<T>; list: T[] } {
  const keep = new Int32Array(next.length)
  const fresh: T[] = []
  // What the page will hold: the previous item where it is kept, so the next patch compares with it.
  const list: T[] = new Array(next.length)
  next.forEach((item, i) => {
    const at = find(item)
    if (at !== undefined && same(previous[at]!, item)) {
      keep[i] = at
      list[i] = previous[at]!
    } else {
      keep[i] = -1
      fresh.push(item)
      list[i] = item
    }
  })
  return { patch: { keep, fresh }, list }
}

function byId<T extends { id: string }>(items: readonly T[]): (item: T) => number | undefined {
  const at = new Map<string, number>()
  items.forEach((item, i) => {
    at.set(item.id, i)
  })
  return (item) => at.get(item.id)
}

function byIdentity<T extends object>(items: readonly T[]): (item: T) => number | undefined {
  const at = new Map<T, number>()
  items.forEach((item, i) => {
    at.set(item, i)
  })
  return (item) => at.get(item)
}

/** The worker's side: remembers what the page holds and turns each next frame into a patch of it. */
export class FrameEncoder {
  private held: Pick<Frame, 'nodes' | 'edges' | 'problems'> | undefined

  /** Forgets what the page holds: the next frame goes whole (a new page, or after an error). */
  reset(): void {
    this.held = undefined
  }

  encode(frame: Frame): { type: 'frame'; frame: Frame } | { type: 'frame-patch'; frame: FramePatch } {
    const held = this.held
    if (held === undefined) {
      this.held = { nodes: frame.nodes, edges: frame.edges, problems: frame.problems }
      return { type: 'frame', frame }
    }
    const nodes = listPatch(held.nodes, frame.nodes, byId(held.nodes), sameNode)
    const edges = listPatch(held.edges, frame.edges, byId(held.edges), sameEdge)
    // Rows are kept as objects while their finding stands (problem-rows.ts): identity is enough.
    const problems =
      held.problems === frame.problems
        ? { patch: { keep: Int32Array.from(frame.problems.keys()), fresh: [] }, list: held.problems }
        : listPatch(held.problems, frame.problems, byIdentity(held.problems), () => true)
    this.held = { nodes: nodes.list, edges: edges.list, problems: problems.list }
    return {
      type: 'frame-patch',
      frame: { ...frame, nodes: nodes.patch, edges: edges.patch, problems: problems.patch },
    }
  }
}

function applyList<T>(previous: readonly T[], { keep, fresh }: ListPatch<T>): T[] {
  const out: T[] = new Array(keep.length)
  let next = 0
  for (let i = 0; i < keep.length; i++) {
    const at = keep[i]!
    out[i] = at < 0 ? fresh[next++]! : previous[at]!
  }
  return out
}

/** The page's side: the frame the patch describes, unchanged items taken from the previous frame. */
export function applyFramePatch(previous: Frame, patch: FramePatch): Frame {
  return {
    ...patch,
    nodes: applyList(previous.nodes, patch.nodes),
    edges: applyList(previous.edges, patch.edges),
    problems: applyList(previous.problems, patch.problems),
  }
}
