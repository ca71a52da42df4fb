// How long buildView takes on the default synthetic cluster (10,000 routes): the view is rebuilt in
// the worker on every filter, selection and topology change. Run: node web/bench/view.ts
import { analyze, buildTopology, findings } from '@gatemap/shared'
import { buildView } from '@gatemap/shared/view/model/build-view.ts'
import { EMPTY_VIEW_STATE, type ViewState } from '@gatemap/shared/view/model/view-types.ts'
import { DEFAULT_SIZE, generateCluster } from '../../shared/bench/generate.ts'

const analyzer = analyze(generateCluster(DEFAULT_SIZE))
const topology = buildTopology(analyzer)
const problems = findings(analyzer)

const cases: [string, ViewState][] = [
  ['everything, grouped', EMPTY_VIEW_STATE],
  ['a selected route', { ...EMPTY_VIEW_STATE, selected: 'Route:HTTPRoute/team-7/route-7' }],
  ['search', { ...EMPTY_VIEW_STATE, search: 'route-12' }],
  ['problems only', { ...EMPTY_VIEW_STATE, problemsOnly: true }],
  [
    'one namespace, selected',
    { ...EMPTY_VIEW_STATE, namespaces: ['team-3'], selected: 'Gateway:Gateway/infra-3/gw-3' },
  ],
]

console.log(`${topology.nodes.length} nodes, ${topology.edges.length} edges, ${problems.length} findings`)
for (const [name, state] of cases) {
  buildView(topology, problems, state)
  const runs = 20
  const start = performance.now()
  let shown = 0
  for (let i = 0; i < runs; i++) shown = buildView(topology, problems, state).nodes.length
  console.log(`${name}: ${((performance.now() - start) / runs).toFixed(1)} ms (${shown} view nodes)`)
}
