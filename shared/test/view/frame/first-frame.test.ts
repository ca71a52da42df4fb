// The server's first frame: drawn over an analysis built elsewhere, sent as JSON, then held by the
// page, must be the frame the tab's worker draws from the snapshot, so the worker's own first frame
// patches nothing. And what comes over the wire as a frame is checked, naming the field.
import { describe, expect, it } from 'vitest'
import {
  Analyzer,
  applyMessage,
  buildTopology,
  createMirror,
  findings,
  type KubeObject,
  parseServerMessage,
  type ServerMessage,
} from '../../../src/index.ts'
import { FirstFrameRequestSchema, frameProblem } from '../../../src/view/frame/first-frame.ts'
import { FrameEncoder, patchChangesNothing } from '../../../src/view/frame/frame-patch.ts'
import type { Frame } from '../../../src/view/frame/messages.ts'
import { GraphPipeline } from '../../../src/view/frame/pipeline.ts'
import { EMPTY_VIEW_STATE, type ViewState } from '../../../src/view/model/view-types.ts'
import { exampleObjects, snapshotOf } from '../examples.ts'

const hello: ServerMessage = {
  type: 'hello',
  protocol: 1,
  epoch: 'test-epoch',
  source: { mode: 'folder', name: 'examples', readOnly: false },
}

/** As the server draws it: its own analysis, a mirror of the snapshot, then JSON on the wire. */
function serverFrame(objects: KubeObject[], view: ViewState, problems: number): Frame {
  const analyzer = new Analyzer({ assumeAbsentGatewayClasses: true })
  for (const o of objects) analyzer.upsert(o)
  const mirror = createMirror()
  applyMessage(mirror, hello)
  applyMessage(mirror, snapshotOf(objects))
  const pipeline = GraphPipeline.over(mirror, analyzer)
  pipeline.problemsShown = problems
  const text = JSON.stringify({ type: 'first-frame', seq: 1, frame: pipeline.frame(view) })
  const parsed = parseServerMessage(text)
  if (!parsed.ok || parsed.value.type !== 'first-frame') throw new Error(`refused: ${JSON.stringify(parsed)}`)
  return { ...parsed.value.frame, viewId: 0 }
}

/** As the tab's worker draws it from the hello and the snapshot. */
function workerFrame(objects: KubeObject[], view: ViewState, problems: number): Frame {
  const pipeline = new GraphPipeline()
  pipeline.problemsShown = problems
  pipeline.apply(hello)
  pipeline.apply(snapshotOf(objects))
  return { ...pipeline.frame(view), viewId: 0 }
}

const views: [string, string, ViewState][] = [
  ['broken', 'everything', EMPTY_VIEW_STATE],
  [
    'shared-gateway',
    'a selected route with its details',
    {
      ...EMPTY_VIEW_STATE,
      selected: 'Route:HTTPRoute/shared-store/store',
    },
  ],
  [
    'policies',
    'one namespace, a group opened',
    { ...EMPTY_VIEW_STATE, namespaces: ['policy-demo'], expanded: ['ns:policy-demo:3'] },
  ],
  ['mesh', 'a search', { ...EMPTY_VIEW_STATE, search: 'reviews' }],
]

describe('the first frame, drawn by the server', () => {
  for (const [scenario, what, view] of views) {
    it(`is what the worker draws for ${scenario}, ${what}: its own first frame patches nothing`, () => {
      const objects = exampleObjects(scenario)
      const received = serverFrame(objects, view, 50)
      const own = workerFrame(objects, view, 50)
      expect(received.nodes.length).toBeGreaterThan(0)
      const encoder = new FrameEncoder()
      expect(encoder.encodeReceived(received).type).toBe('frame')
      const next = encoder.encode(own)
      expect(next.type).toBe('frame-patch')
      if (next.type !== 'frame-patch') return
      expect(next.frame.nodes.fresh).toEqual([])
      expect(next.frame.edges.fresh).toEqual([])
      expect(next.frame.problems.fresh).toEqual([])
      expect(patchChangesNothing(received, next.frame)).toBe(true)
    })
  }

  it('a frame of another view, or fewer rows, is patched: only what differs is sent', () => {
    const objects = exampleObjects('broken')
    const received = serverFrame(objects, EMPTY_VIEW_STATE, 5)
    const own = workerFrame(objects, EMPTY_VIEW_STATE, 50)
    const encoder = new FrameEncoder()
    encoder.encodeReceived(received)
    const next = encoder.encode(own)
    if (next.type !== 'frame-patch') throw new Error('expected a patch')
    expect(next.frame.nodes.fresh).toEqual([])
    expect(next.frame.problems.fresh.length).toBe(own.problems.length - 5)
    expect(patchChangesNothing(received, next.frame)).toBe(false)
    // The next frame is compared by identity again, as the worker's own frames are.
    const again = encoder.encode({ ...own, seq: 2 })
    if (again.type !== 'frame-patch') throw new Error('expected a patch')
    expect(again.frame.edges.fresh).toEqual([])
    expect(patchChangesNothing(own, again.frame)).toBe(false)
    expect(patchChangesNothing(own, { ...again.frame, seq: 1 })).toBe(true)
  })
})

describe('a drawing that keeps nothing (the server’s)', () => {
  it('words and draws every route afresh, the same as the kept ones', () => {
    const analyzer = new Analyzer({ assumeAbsentGatewayClasses: true })
    for (const o of exampleObjects('broken')) analyzer.upsert(o)
    analyzer.refresh()
    const kept = findings(analyzer)
    const fresh = findings(analyzer, { keep: false })
    expect(fresh).toEqual(kept)
    expect(findings(analyzer)).toEqual(kept)
    const routeFinding = kept.findIndex((f) => f.object.kind === 'HTTPRoute')
    expect(routeFinding).toBeGreaterThanOrEqual(0)
    expect(findings(analyzer)[routeFinding]).toBe(kept[routeFinding])
    expect(fresh[routeFinding]).not.toBe(kept[routeFinding])

    const topology = buildTopology(analyzer)
    const drawn = buildTopology(analyzer, { keep: false })
    expect(drawn).toEqual(topology)
    const route = topology.nodes.findIndex((n) => n.role === 'Route')
    expect(buildTopology(analyzer).nodes[route]).toBe(topology.nodes[route])
    expect(drawn.nodes[route]).not.toBe(topology.nodes[route])
  })
})

describe('checking a frame from the wire', () => {
  const frame = workerFrame(exampleObjects('shared-gateway'), EMPTY_VIEW_STATE, 50)
  const json = () => JSON.parse(JSON.stringify(frame)) as Record<string, unknown> & Frame

  it('passes a drawn frame as it is', () => {
    expect(frameProblem(json())).toBeUndefined()
  })

  const bad: [string, (f: ReturnType<typeof json>) => unknown, string][] = [
    ['not an object', () => [], 'expected an object'],
    ['no seq', (f) => ({ ...f, seq: 'one' }), 'seq: expected a number'],
    ['no problem rows', (f) => ({ ...f, problems: undefined }), 'problems: expected an array'],
    ['no counts', (f) => ({ ...f, problemCounts: 3 }), 'problemCounts: expected an object'],
    ['nodes not a list', (f) => ({ ...f, nodes: {} }), 'nodes: expected an array'],
    [
      'a node without an id',
      (f) => ({ ...f, nodes: [{ ...f.nodes[0], id: '' }] }),
      'nodes[0].id: expected a non-empty string',
    ],
    [
      'a node of no type',
      (f) => ({ ...f, nodes: [{ ...f.nodes[0], type: 'box' }] }),
      'nodes[0].type: expected "object" or "group"',
    ],
    [
      'a node without a box',
      (f) => ({ ...f, nodes: [{ ...f.nodes[0], x: null }] }),
      'nodes[0].x: expected a number',
    ],
    [
      'an object node without its object',
      (f) => ({ ...f, nodes: [{ ...f.nodes[0], type: 'object', node: 1 }] }),
      'nodes[0].node: expected an object',
    ],
    ['an edge not an object', (f) => ({ ...f, edges: [7] }), 'edges[0]: expected an object'],
    [
      'an edge without a target',
      (f) => ({ ...f, edges: [{ ...f.edges[0], target: 4 }] }),
      'edges[0].target: expected a string',
    ],
    [
      'an edge to nothing drawn',
      (f) => ({ ...f, edges: [{ ...f.edges[0], source: 'Route:gone' }] }),
      'edges[0].source: Route:gone is not a node of the frame',
    ],
  ]
  for (const [what, make, problem] of bad) {
    it(`refuses ${what}, naming the field`, () => {
      expect(frameProblem(make(json()))).toBe(problem)
      const parsed = parseServerMessage(JSON.stringify({ type: 'first-frame', seq: 1, frame: make(json()) }))
      expect(parsed.ok).toBe(false)
      if (!parsed.ok) expect(parsed.error).toContain(problem)
    })
  }

  it('reads a tab’s request, and refuses one without its view’s fields', () => {
    expect(FirstFrameRequestSchema.safeParse({ view: EMPTY_VIEW_STATE, problems: 50 }).success).toBe(true)
    const { search: _search, ...noSearch } = EMPTY_VIEW_STATE
    const refused = FirstFrameRequestSchema.safeParse({ view: noSearch, problems: 50 })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]?.path).toEqual(['view', 'search'])
    expect(FirstFrameRequestSchema.safeParse({ view: EMPTY_VIEW_STATE, problems: -1 }).success).toBe(false)
  })
})
