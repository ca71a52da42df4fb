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
  /** Equal by value only (a frame from the wire): remember this worker's item, which the next frames share. */
  keepOwn = false,
): { patch: ListPatch<T>; list: T[] } {
  const keep = new Int32Array(next.length)
  const fresh: T[] = []
  // What the page will hold: the previous item where it is kept, so the next patch compares with it.
  const list: T[] = new Array(next.length)
  next.forEach((item, i) => {
    const at = find(item)
    if (at !== undefined && same(previous[at]!, item)) {
      keep[i] = at
      list[i] = keepOwn ? item : previous[at]!
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

/** Equal as written: a frame that came over the wire has none of this worker's objects. */
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

function byJson<T>(items: readonly T[]): (item: T) => number | undefined {
  const at = new Map<string, number>()
  items.forEach((item, i) => {
    at.set(JSON.stringify(item), i)
  })
  return (item) => at.get(JSON.stringify(item))
}

/** The worker's side: remembers what the page holds and turns each next frame into a patch of it. */
export class FrameEncoder {
  private held: Pick<Frame, 'nodes' | 'edges' | 'problems'> | undefined
  /** The page holds a frame this worker did not draw: the next patch compares by value. */
  private heldFromWire = false

  /** Forgets what the page holds: the next frame goes whole (a new page, or after an error). */
  reset(): void {
    this.held = undefined
    this.heldFromWire = false
  }

  /**
   * The frame goes whole, and it came from elsewhere (the server's first frame): the next one is
   * compared with it field by field, so a frame that draws the same graph patches nothing.
   */
  encodeReceived(frame: Frame): { type: 'frame'; frame: Frame } {
    this.held = { nodes: frame.nodes, edges: frame.edges, problems: frame.problems }
    this.heldFromWire = true
    return { type: 'frame', frame }
  }

  encode(frame: Frame): { type: 'frame'; frame: Frame } | { type: 'frame-patch'; frame: FramePatch } {
    const held = this.held
    if (held === undefined) {
      this.held = { nodes: frame.nodes, edges: frame.edges, problems: frame.problems }
      return { type: 'frame', frame }
    }
    const byValue = this.heldFromWire
    this.heldFromWire = false
    const nodes = listPatch(held.nodes, frame.nodes, byId(held.nodes), byValue ? sameJson : sameNode, byValue)
    const edges = listPatch(held.edges, frame.edges, byId(held.edges), byValue ? sameJson : sameEdge, byValue)
    // Rows are kept as objects while their finding stands (problem-rows.ts): identity is enough.
    const problems =
      held.problems === frame.problems
        ? { patch: { keep: Int32Array.from(frame.problems.keys()), fresh: [] }, list: held.problems }
        : listPatch(
            held.problems,
            frame.problems,
            byValue ? byJson(held.problems) : byIdentity(held.problems),
            () => true,
            byValue,
          )
    this.held = { nodes: nodes.list, edges: edges.list, problems: problems.list }
    return {
      type: 'frame-patch',
      frame: { ...frame, nodes: nodes.patch, edges: edges.patch, problems: problems.patch },
    }
  }
}

const keepsAll = ({ keep, fresh }: ListPatch<unknown>, length: number): boolean =>
  fresh.length === 0 && keep.length === length && keep.every((at, i) => at === i)

/**
 * Whether the patch leaves the page's frame as it is: every list kept whole and in order, and every
 * other field the same (the worker's step timings aside). Then it need not be sent at all.
 */
export function patchChangesNothing(previous: Frame, patch: FramePatch): boolean {
  if (patch.seq !== previous.seq || patch.viewId !== previous.viewId) return false
  if (!keepsAll(patch.nodes, previous.nodes.length)) return false
  if (!keepsAll(patch.edges, previous.edges.length)) return false
  if (!keepsAll(patch.problems, previous.problems.length)) return false
  const { nodes: _n, edges: _e, problems: _p, timings: _t, ...rest } = patch
  const { nodes: _pn, edges: _pe, problems: _pp, timings: _pt, ...previousRest } = previous
  return sameJson(rest, previousRest)
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
