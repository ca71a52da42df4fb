// After a change the pipeline draws again only what the Analyzer re-judged (the topology and findings
// keep a route's parts per verdict, the problem rows per finding). Over random edits of a realistic
// folder, every frame must be the one a fresh pipeline draws from the same objects.

import { describe, expect, it } from 'vitest'
import { prng } from '../../../bench/prng.ts'
import { generateRealistic } from '../../../bench/realistic.ts'
import { type KubeObject, objectKey, PROTOCOL_VERSION, parseManifests } from '../../../src/index.ts'
import { applyFramePatch, FrameEncoder } from '../../../src/view/frame/frame-patch.ts'
import { type Frame, PROBLEMS_PAGE } from '../../../src/view/frame/messages.ts'
import { GraphPipeline } from '../../../src/view/frame/pipeline.ts'
import { EMPTY_VIEW_STATE, type ViewState } from '../../../src/view/model/view-types.ts'
import { snapshotOf } from '../examples.ts'

function folder(routes: number): KubeObject[] {
  const out: KubeObject[] = []
  for (const [file, text] of generateRealistic(routes).files)
    for (const o of parseManifests(text, file).objects) out.push(o.object)
  return out
}

function started(objects: Iterable<KubeObject>): GraphPipeline {
  const pipeline = new GraphPipeline()
  pipeline.apply({
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    epoch: 'test-epoch',
    source: { mode: 'folder', name: 'test', readOnly: true },
  })
  expect(pipeline.apply(snapshotOf([...objects]))).toBe('ok')
  return pipeline
}

/** What a fresh pipeline may draw differently: positions (kept on purpose), timings, the sequence. */
function drawn(frame: Frame) {
  const { timings: _t, width: _w, height: _h, seq: _s, nodes, ...rest } = frame
  return { ...rest, nodes: nodes.map(({ x: _x, y: _y, ...node }) => node) }
}

/** Posts a frame as the worker does and returns what the page then holds. */
function posted(encoder: FrameEncoder, held: Frame | undefined, frame: Frame): Frame {
  // Through a structured clone, as postMessage copies it: the page holds copies, not the worker's objects.
  const message = structuredClone(encoder.encode(frame))
  if (message.type === 'frame') return message.frame
  expect(held).toBeDefined()
  return applyFramePatch(held!, message.frame)
}

const keyOf = (o: KubeObject) => objectKey(o.kind, o.metadata.namespace, o.metadata.name)
type Spec = Record<string, unknown>
const spec = (o: KubeObject) => (o as { spec?: Spec }).spec ?? {}

/** One random edit of the kinds a person makes: a route's hostname or parent, a removal, a restore. */
function edit(rand: () => number, live: Map<string, KubeObject>, gone: Map<string, KubeObject>) {
  const pick = <T>(items: T[]): T | undefined => items[Math.floor(rand() * items.length)]
  const of = (...kinds: string[]) => [...live.values()].filter((o) => kinds.includes(o.kind))
  const changed = (o: KubeObject, next: Spec): KubeObject => ({ ...o, spec: { ...spec(o), ...next } })
  const roll = rand()
  if (roll < 0.3) {
    const route = pick(of('HTTPRoute', 'GRPCRoute'))
    if (route)
      return {
        op: 'modified' as const,
        object: changed(route, { hostnames: [`h${Math.floor(rand() * 5)}.example.com`] }),
      }
  } else if (roll < 0.45) {
    const route = pick(of('HTTPRoute', 'GRPCRoute', 'TCPRoute'))
    const refs = spec(route ?? ({} as KubeObject)).parentRefs as Spec[] | undefined
    if (route && refs?.length)
      return {
        op: 'modified' as const,
        object: changed(route, { parentRefs: [{ ...refs[0], sectionName: rand() < 0.5 ? 'nope' : 'http' }] }),
      }
  } else if (roll < 0.7) {
    const victim = pick(of('HTTPRoute', 'Service', 'ReferenceGrant', 'GRPCRoute', 'TCPRoute'))
    if (victim) return { op: 'deleted' as const, object: victim }
  } else if (roll < 0.8) {
    const gateway = pick(of('Gateway'))
    const listeners = spec(gateway ?? ({} as KubeObject)).listeners as Spec[] | undefined
    if (gateway && listeners?.length)
      return {
        op: 'modified' as const,
        object: changed(gateway, { listeners: listeners.slice(0, Math.max(1, listeners.length - 1)) }),
      }
  }
  const back = pick([...gone.values()])
  if (back) return { op: 'added' as const, object: back }
  return undefined
}

describe('GraphPipeline after changes', () => {
  it('draws after each random edit what a fresh pipeline draws from the same objects', () => {
    for (const seed of [1, 2, 3]) {
      const rand = prng(seed)
      const objects = folder(60)
      const live = new Map(objects.map((o) => [keyOf(o), o]))
      const gone = new Map<string, KubeObject>()
      const pipeline = started(objects)
      const route = objects.find((o) => o.kind === 'HTTPRoute')!
      const views: ViewState[] = [
        EMPTY_VIEW_STATE,
        { ...EMPTY_VIEW_STATE, selected: `Route:${keyOf(route)}` },
        { ...EMPTY_VIEW_STATE, problemsOnly: true },
      ]
      // The page's side of the posting: whole first, then patches applied to what it holds.
      const encoder = new FrameEncoder()
      let held = posted(encoder, undefined, pipeline.frame(views[0]!))
      let seq = 1
      let rejudged = 0
      for (let step = 0; step < 40; step++) {
        const change = edit(rand, live, gone)
        if (!change) continue
        const key = keyOf(change.object)
        if (change.op === 'deleted') {
          live.delete(key)
          gone.set(key, change.object)
        } else {
          // The mirror keeps a modified object where it was and adds a restored one at the end.
          gone.delete(key)
          live.set(key, change.object)
        }
        seq += 1
        expect(pipeline.apply({ type: 'delta', seq, ...change })).toBe('ok')
        const view = views[step % views.length]!
        const reused = pipeline.frame(view)
        const fresh = started([...pipeline.mirror.objects.values()].map((e) => e.object as KubeObject)).frame(
          view,
        )
        expect(drawn(reused), `seed ${seed}, step ${step}: ${change.op} ${key}`).toEqual(drawn(fresh))
        held = posted(encoder, held, reused)
        expect(held).toEqual(reused)
        rejudged += 1
      }
      expect(rejudged).toBeGreaterThan(30)
    }
  })
})

describe('frame patches', () => {
  it('send only what changed: one route edited at 300 routes', () => {
    const objects = folder(300)
    const pipeline = started(objects)
    const route = objects.find((o) => o.kind === 'HTTPRoute' && spec(o).hostnames)!
    const view: ViewState = { ...EMPTY_VIEW_STATE, selected: `Route:${keyOf(route)}` }
    const encoder = new FrameEncoder()
    const first = encoder.encode(pipeline.frame(view))
    expect(first.type).toBe('frame')
    const edited = { ...route, spec: { ...spec(route), hostnames: ['elsewhere.example.com'] } }
    pipeline.apply({ type: 'delta', seq: 2, op: 'modified', object: edited })
    const next = pipeline.frame(view)
    const message = encoder.encode(next)
    if (message.type !== 'frame-patch') throw new Error('a frame after the first is a patch')
    const { nodes, edges, problems } = message.frame
    // The edited route's node is new (its hostnames); most of the rest is sent as indexes.
    expect(nodes.fresh.map((n) => n.id)).toContain(`Route:${keyOf(route)}`)
    expect(nodes.fresh.length).toBeLessThan(next.nodes.length / 4)
    expect(edges.fresh.length).toBeLessThan(next.edges.length / 4)
    expect(problems.fresh.length).toBeLessThan(Math.max(4, next.problems.length / 4))
    expect(nodes.keep.length).toBe(next.nodes.length)
  })
})

describe('problem rows in the frame', () => {
  it('carry the first rows asked for, count every problem, and keep the window while nothing changed', () => {
    const pipeline = started(folder(300))
    const all = pipeline.frame(EMPTY_VIEW_STATE)
    expect(all.problems.length).toBeGreaterThan(2 * PROBLEMS_PAGE)
    const errors = all.problems.filter((p) => p.severity === 'error').length
    expect(all.problemCounts).toEqual({ errors, warnings: all.problems.length - errors })

    pipeline.problemsShown = PROBLEMS_PAGE
    const paged = pipeline.frame(EMPTY_VIEW_STATE)
    expect(paged.problems).toEqual(all.problems.slice(0, PROBLEMS_PAGE))
    expect(paged.problemCounts).toEqual(all.problemCounts)
    // Another view, the same rows: the same array, which the patch sends as all kept.
    const encoder = new FrameEncoder()
    encoder.encode(paged)
    const again = pipeline.frame({ ...EMPTY_VIEW_STATE, problemsOnly: true })
    expect(again.problems).toBe(paged.problems)
    const patch = encoder.encode(again)
    if (patch.type !== 'frame-patch') throw new Error('a frame after the first is a patch')
    expect(patch.frame.problems.fresh).toEqual([])

    // "Show more": the rows already sent are kept, only the next page is new.
    pipeline.problemsShown = 2 * PROBLEMS_PAGE
    const more = encoder.encode({ ...again, problems: pipeline.shownProblems() })
    if (more.type !== 'frame-patch') throw new Error('a patch')
    expect(more.frame.problems.keep.length).toBe(2 * PROBLEMS_PAGE)
    expect(more.frame.problems.fresh).toEqual(all.problems.slice(PROBLEMS_PAGE, 2 * PROBLEMS_PAGE))
  })
})
