// The dashboard's trace, run in the graph worker against the worker's own Analyzer with the shared
// core (no matching or precedence here). The answer is kept until the analysis or the query
// changes, so the frames a trace rides along with cost nothing while the world stands still.
import {
  type Analyzer,
  COLUMN,
  nodeId,
  type TraceResult,
  TraceTargetError,
  traceRequest,
} from '@gatemap/shared'
import { gatewayGroupId, namespaceGroupId } from '../model/groups.ts'
import { highlightTrace } from '../model/trace-highlight.ts'
import { parseTraceQuery, queryKey, type TraceQuery } from '../model/trace-query.ts'
import { CANDIDATES_SHOWN, type TraceAnswer, type TracePath, type TraceStop } from '../model/trace-types.ts'
import type { GraphView } from '../model/view-types.ts'

const EMPTY_PATH: TracePath = { stops: [], backendEdges: [] }

function pathOf(result: TraceResult): TracePath {
  const { target } = result
  const gateway = { kind: 'Gateway', namespace: target.namespace, name: target.name }
  const gatewayId = nodeId('Gateway', gateway)
  const folded = gatewayGroupId(gateway)
  const stops: TraceStop[] = [{ id: gatewayId, shownAs: [gatewayId, folded] }]
  const l = result.listener
  if (l) {
    if (l.owner.kind === 'ListenerSet') {
      const id = nodeId('ListenerSet', l.owner)
      stops.push({ id, shownAs: [id, folded] })
    }
    const id = nodeId('Listener', l.owner, l.name)
    stops.push({ id, shownAs: [id, folded] })
  }
  const backendEdges: string[] = []
  if (result.route) {
    const routeId = nodeId('Route', result.route)
    stops.push({ id: routeId, shownAs: [routeId, namespaceGroupId(result.route.namespace, COLUMN.Route)] })
    for (const b of result.backends) {
      const id = nodeId('Backend', b)
      if (stops.some((s) => s.id === id)) continue
      stops.push({ id, shownAs: [id, namespaceGroupId(b.namespace, COLUMN.Backend)] })
      backendEdges.push(`${routeId}->${id}:backend#${result.rule?.index ?? 0}`)
    }
  }
  return { stops, backendEdges }
}

/** Traces the query through the analysis; bad fields and an absent Gateway come back as errors. */
export function runTrace(analyzer: Analyzer, query: TraceQuery): TraceAnswer {
  const key = queryKey(query)
  const parsed = parseTraceQuery(query)
  if (!parsed.ok) return { key, errors: parsed.errors, candidateCount: 0, path: EMPTY_PATH }
  let result: TraceResult
  try {
    result = traceRequest(analyzer, parsed.target, parsed.request)
  } catch (error) {
    if (!(error instanceof TraceTargetError)) throw error
    return { key, errors: { gateway: error.message }, candidateCount: 0, path: EMPTY_PATH }
  }
  // Reading `candidates` judges every other rule: once per answer, and only what the panel lists is sent.
  const candidates = result.candidates
  return {
    key,
    result: { ...result, candidates: candidates.slice(0, CANDIDATES_SHOWN) },
    candidateCount: candidates.length,
    path: pathOf(result),
  }
}

/** One answer kept per query until the Analyzer (or its revision) changes. */
export class TraceRunner {
  private kept: { analyzer: Analyzer; revision: number; key: string; answer: TraceAnswer } | undefined

  answer(analyzer: Analyzer, query: TraceQuery): TraceAnswer {
    const key = queryKey(query)
    const k = this.kept
    if (k && k.analyzer === analyzer && k.revision === analyzer.revision && k.key === key) return k.answer
    const answer = runTrace(analyzer, query)
    this.kept = { analyzer, revision: analyzer.revision, key, answer }
    return answer
  }
}

/** The trace beside a frame: its answer, and the view ids its path lights up (the rest dimmed). */
export interface FrameTrace {
  answer: TraceAnswer
  shown: string[]
}

/** Answers the query and lights its path in `graph` (a query with errors leaves the graph as it is). */
export function traceInView(
  runner: TraceRunner,
  analyzer: Analyzer,
  graph: Pick<GraphView, 'nodes' | 'edges'>,
  query: TraceQuery,
): FrameTrace {
  const answer = runner.answer(analyzer, query)
  const shown = answer.result ? highlightTrace(graph.nodes, graph.edges, answer.path) : []
  return { answer, shown }
}
