// `node web/bench/trace.ts`: the dashboard's trace as the graph worker runs it (worker/trace.ts:
// parse the form's fields, trace with the shared core, read and cut the candidates, find the path;
// then light the path in the view), at 10k routes. Two worlds: the synthetic cluster (routes spread
// over 400 listeners) and 10,000 HTTPRoutes on one listener and hostname (every route a candidate).
// The worker answers a new request in two frames: the path first, then (in a later task) the other
// candidates the Trace tab lists, which on a crowded listener cost far more; a repeated query is
// answered from the kept answer. Median of 50 different requests each.
import { type Analyzer, analyze, buildTopology, findings } from '@gatemap/shared'
import { runTrace, TraceRunner, traceInView } from '@gatemap/shared/view/frame/trace.ts'
import { buildView } from '@gatemap/shared/view/model/build-view.ts'
import type { TraceQuery } from '@gatemap/shared/view/model/trace-query.ts'
import { EMPTY_VIEW_STATE } from '@gatemap/shared/view/model/view-types.ts'
import { DEFAULT_SIZE, generateCluster } from '../../shared/bench/generate.ts'
import { firstAfterChange, oneListener } from '../../shared/bench/trace.ts'

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

function bench(name: string, analyzer: Analyzer, queries: TraceQuery[]) {
  const graph = buildView(buildTopology(analyzer), findings(analyzer), EMPTY_VIEW_STATE)
  const runner = new TraceRunner()
  // As in the worker: the path's frame first, the candidates in a later task (not run in this loop).
  runner.onCandidates = () => {}
  // The first trace builds the listener's index (the core's own rows cover it).
  const firstStart = performance.now()
  traceInView(runner, analyzer, graph, queries[0]!)
  const first = performance.now() - firstStart
  const path: number[] = []
  const kept: number[] = []
  const whole: number[] = []
  let candidates = 0
  for (const q of queries) {
    let start = performance.now()
    const { answer } = traceInView(runner, analyzer, graph, q)
    path.push(performance.now() - start)
    if (!answer.result?.route) throw new Error(`no route for ${q.target}`)
    // The frames that follow (a view change, a selection) ask again with the same query.
    start = performance.now()
    traceInView(runner, analyzer, graph, q)
    kept.push(performance.now() - start)
    // The second frame's work: the same trace with every candidate judged and worded.
    start = performance.now()
    candidates = runTrace(analyzer, q).candidateCount
    whole.push(performance.now() - start)
  }
  console.log(
    `| ${name} | ${median(path).toFixed(2)} ms | ${median(whole).toFixed(2)} ms | ${median(kept).toFixed(3)} ms | ${first.toFixed(0)} ms | ${candidates} |`,
  )
}

console.log(
  '| world | a new request: path lit (first frame) | with its candidates (second frame) | the same request again | first trace (builds the listener index) | candidates |',
)
console.log('| --- | --- | --- | --- | --- | --- |')
bench(
  '10k routes over 400 listeners',
  analyze(generateCluster(DEFAULT_SIZE)),
  Array.from({ length: 50 }, (_, i) => ({
    gateway: 'infra-0/gw-0',
    mode: 'http',
    target: `http://app${(i % 20) * 100}.gw0.example.com:8000/r${(i % 20) * 100}/items?i=${i}`,
    method: 'GET',
    headers: ['x-canary: true'],
  })),
)
const crowdedObjects = oneListener(10_000)
const crowded = analyze(crowdedObjects)
const crowdedQueries: TraceQuery[] = Array.from({ length: 50 }, (_, i) => ({
  gateway: 'infra/edge',
  mode: 'http',
  target: `http://shop.example.com/r${i * 199}/x`,
  method: 'GET',
  headers: ['x-canary: true'],
}))
bench('10k HTTPRoutes on one listener and hostname', crowded, crowdedQueries)

// After an edit the worker's first trace meets a new Analyzer revision: the core updates the
// listener's index for the re-judged route (before: rebuilt it for all 10,000).
{
  const graph = buildView(buildTopology(crowded), findings(crowded), EMPTY_VIEW_STATE)
  const runner = new TraceRunner()
  runner.onCandidates = () => {}
  const { updated, rebuilt } = firstAfterChange(crowded, crowdedObjects, (a) => {
    traceInView(runner, a, graph, crowdedQueries[0]!)
  })
  console.log('')
  console.log(
    '| 10k HTTPRoutes on one listener: first trace after one route is edited | index updated | index rebuilt (before) |',
  )
  console.log('| --- | --- | --- |')
  console.log(`| median of 9 each, alternated | ${updated.toFixed(1)} ms | ${rebuilt.toFixed(1)} ms |`)
}
