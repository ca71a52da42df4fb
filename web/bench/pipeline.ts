// `node web/bench/pipeline.ts`: the graph worker's pipeline (GraphPipeline, as the worker runs it) on
// the realistic folder of shared/bench/realistic.ts: the snapshot applied, the first frame,
// unfolding one namespace group (a ViewState.expanded change), and a change of one route's hostname
// with that route selected (the frame, then the patch the worker posts for it, frame-patch.ts), each
// split by step. CPU milliseconds of this process; median of GATEMAP_BENCH_RUNS (default 5) fresh
// pipelines per size (the change: median of 5 changes in each).
// Sizes: GATEMAP_BENCH_SIZES (default 1000,5000,10000,20000 routes).

import { serialize } from 'node:v8'
import { type KubeObject, PROTOCOL_VERSION, parseManifests, type ServerMessage } from '@gatemap/shared'
import { FrameEncoder } from '@gatemap/shared/view/frame/frame-patch.ts'
import { type Frame, PROBLEMS_PAGE } from '@gatemap/shared/view/frame/messages.ts'
import { GraphPipeline } from '@gatemap/shared/view/frame/pipeline.ts'
import { EMPTY_VIEW_STATE, type ViewState } from '@gatemap/shared/view/model/view-types.ts'
import { generateRealistic } from '../../shared/bench/realistic.ts'

const sizes = (process.env.GATEMAP_BENCH_SIZES ?? '1000,5000,10000,20000').split(',').map(Number)
const runs = Number(process.env.GATEMAP_BENCH_RUNS ?? 5)

const cpuMs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

function snapshot(routes: number): { message: ServerMessage; objects: number } {
  const objects: KubeObject[] = []
  for (const [file, text] of generateRealistic(routes).files) {
    for (const o of parseManifests(text, file).objects) objects.push(o.object)
  }
  return {
    objects: objects.length,
    message: {
      type: 'snapshot',
      seq: 1,
      epoch: 'bench',
      reason: 'initial',
      objects: objects.map((object) => ({ object })),
      kinds: [],
      files: [],
    },
  }
}

/** The folded namespace group with the most members: the unfold that costs the most. */
function biggestGroup(frame: Frame): string | undefined {
  let best: { id: string; count: number } | undefined
  for (const n of frame.nodes) {
    if (n.type !== 'group' || !n.group.id.startsWith('ns:')) continue
    let count = 0
    for (const c of Object.values(n.group.counts)) count += c ?? 0
    if (best === undefined || count > best.count) best = { id: n.group.id, count }
  }
  return best?.id
}

/** An HTTPRoute with a hostname a quarter into the folder (mid-size namespace, not the first). */
function changedRoute(message: ServerMessage): KubeObject {
  if (message.type !== 'snapshot') throw new Error('a snapshot')
  const routes = message.objects
    .map((o) => o.object as KubeObject)
    .filter((o) => o.kind === 'HTTPRoute' && (o.spec as { hostnames?: string[] }).hostnames?.length)
  return routes[Math.floor(routes.length / 4)]!
}

type Timings = Frame['timings']
const STEPS = ['analysis', 'topology', 'findings', 'view', 'layout'] as const

console.log(
  "| routes (objects) | step | CPU ms, median | share of the frame's wall time: analysis / topology / findings / view / layout | view nodes |",
)
console.log('| --- | --- | --- | --- | --- |')
for (const routes of sizes) {
  const { message, objects } = snapshot(routes)
  const rows: Record<
    'apply' | 'first' | 'unfold' | 'fold' | 'change' | 'post',
    { ms: number[]; t: Timings[]; nodes: number }
  > = {
    apply: { ms: [], t: [], nodes: 0 },
    first: { ms: [], t: [], nodes: 0 },
    unfold: { ms: [], t: [], nodes: 0 },
    fold: { ms: [], t: [], nodes: 0 },
    change: { ms: [], t: [], nodes: 0 },
    post: { ms: [], t: [], nodes: 0 },
  }
  const patchBytes: number[] = []
  const wholeBytes: number[] = []
  for (let r = 0; r < runs; r++) {
    const pipeline = new GraphPipeline()
    // As the worker runs it: the frame carries the problems panel's first page of rows.
    pipeline.problemsShown = PROBLEMS_PAGE
    // Folder mode, as `gatemap serve --manifests` streams it (named but absent GatewayClasses assumed).
    pipeline.apply({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      epoch: 'bench',
      source: { mode: 'folder', name: 'bench', readOnly: true },
    })
    let start = cpuMs()
    pipeline.apply(message)
    rows.apply.ms.push(cpuMs() - start)
    start = cpuMs()
    const first = pipeline.frame(EMPTY_VIEW_STATE)
    rows.first.ms.push(cpuMs() - start)
    rows.first.t.push(first.timings)
    rows.first.nodes = first.nodes.length
    const group = biggestGroup(first)
    if (group === undefined) continue
    const open: ViewState = { ...EMPTY_VIEW_STATE, expanded: [group] }
    start = cpuMs()
    const unfolded = pipeline.frame(open)
    rows.unfold.ms.push(cpuMs() - start)
    rows.unfold.t.push(unfolded.timings)
    rows.unfold.nodes = unfolded.nodes.length
    start = cpuMs()
    const folded = pipeline.frame(EMPTY_VIEW_STATE)
    rows.fold.ms.push(cpuMs() - start)
    rows.fold.t.push(folded.timings)
    rows.fold.nodes = folded.nodes.length
    // A change of one route's hostname, the route selected (so its namespace is unfolded around it).
    const route = changedRoute(message)
    const selected: ViewState = {
      ...EMPTY_VIEW_STATE,
      selected: `Route:HTTPRoute/${route.metadata.namespace}/${route.metadata.name}`,
    }
    const encoder = new FrameEncoder()
    encoder.encode(pipeline.frame(selected))
    for (let c = 0; c < 5; c++) {
      const hostnames = [`v${c}.${(route.spec as { hostnames: string[] }).hostnames[0]}`]
      // The stream's next sequence number: a gap would make the worker resubscribe and change nothing.
      const applied = pipeline.apply({
        type: 'delta',
        seq: 2 + c,
        op: 'modified',
        object: { ...route, spec: { ...(route.spec as object), hostnames } },
      })
      if (applied !== 'ok') throw new Error(`change ${c}: the delta was not applied (${applied})`)
      start = cpuMs()
      const changed = pipeline.frame(selected)
      rows.change.ms.push(cpuMs() - start)
      rows.change.t.push(changed.timings)
      rows.change.nodes = changed.nodes.length
      start = cpuMs()
      // What postMessage copies: the patch, serialised as a structured clone is.
      patchBytes.push(serialize(encoder.encode(changed)).length)
      rows.post.ms.push(cpuMs() - start)
      wholeBytes.push(serialize({ type: 'frame', frame: changed }).length)
    }
  }
  const label = {
    apply: 'snapshot applied (mirror + analyzer upserts)',
    first: 'first frame',
    unfold: 'unfold the largest namespace group',
    fold: 'fold it again',
    change: "one route's hostname changed (route selected): the frame",
    post: `…and its patch encoded and serialised (${(median(patchBytes) / 1024).toFixed(0)} KB; the whole frame ${(median(wholeBytes) / 1024).toFixed(0)} KB)`,
  }
  for (const key of ['apply', 'first', 'unfold', 'fold', 'change', 'post'] as const) {
    const row = rows[key]
    if (row.ms.length === 0) continue
    // The frame's own timings are wall-clock; on a shared machine only their proportions mean much.
    const shares = (t: Timings) => {
      const total = STEPS.reduce((sum, step) => sum + t[step], 0)
      return STEPS.map((step) => (total > 0 ? (100 * t[step]) / total : 0))
    }
    const split = row.t.length
      ? STEPS.map((_, k) => `${median(row.t.map((t) => shares(t)[k]!)).toFixed(0)}%`).join(' / ')
      : '—'
    console.log(
      `| ${routes} (${objects}) | ${label[key]} | ${median(row.ms).toFixed(0)} | ${split} | ${row.t.length ? row.nodes : '—'} |`,
    )
  }
}
